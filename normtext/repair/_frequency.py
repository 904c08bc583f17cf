FREQUENCY: dict[str, int] = {}
