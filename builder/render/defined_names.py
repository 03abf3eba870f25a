"""Writing a defined name: xlsxwriter only warns when it refuses one, so refusal is made an error here."""
from __future__ import annotations


class NameNotWritten(ValueError):
    """A defined name xlsxwriter refused (it only warns): an error, never a silent omission."""


def define_name(wb, name: str, ref: str) -> None:
    if wb.define_name(name, ref) == -1:
        raise NameNotWritten(f"defined name {name!r} cannot be written (Excel names are letters, digits, _ and .)")
