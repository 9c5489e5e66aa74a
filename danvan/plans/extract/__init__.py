"""Reading plan documents (no Django imports): files → text → ExtractedPlan."""

from .export import assignment_rows, citation_rows, plan_json
from .files import SUPPORTED, ReadError, read_bytes, read_path
from .reader import read_plan
from .types import ExtractedPlan

__all__ = [
    "ExtractedPlan",
    "ReadError",
    "SUPPORTED",
    "assignment_rows",
    "citation_rows",
    "plan_json",
    "read_bytes",
    "read_path",
    "read_plan",
]
