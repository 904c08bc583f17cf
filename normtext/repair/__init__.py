"""The mojibake repair engine behind the ``mojibake`` fixer."""

from normtext.repair.engine import describe_repair, repair, repair_and_describe, repair_line

__all__ = ["describe_repair", "repair", "repair_and_describe", "repair_line"]
