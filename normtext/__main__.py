"""``python -m normtext``: the same as the ``normtext`` command."""

from normtext.cli import main

main(prog_name="normtext")
