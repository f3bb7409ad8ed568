"""Text that a spreadsheet would run as a formula, and how every export keeps it text (CSV injection).

A cell starting with = + - @, a tab or a carriage return is taken as a formula by Excel and
LibreOffice when they open a CSV, and when someone edits such a cell in a workbook. Every export
writes text through this module: a CSV writes it behind an apostrophe (`neutralised`), which
spreadsheets read as "this is text"; an XLSX stores the text as it is, as a text cell marked with a
quote prefix (`looks_like_formula`, see xlsx.py), so it stays text when edited. The imports read
such an apostrophe away again (`restored`), so an export reads back as it was written.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would run this text as a formula."""
    return text.startswith(FORMULA_STARTS)


def neutralised(text: str) -> str:
    """The text for a CSV cell: behind an apostrophe when it looks like a formula."""
    return "'" + text if looks_like_formula(text) else text


def restored(text: str) -> str:
    """A CSV cell's text as it was before `neutralised` (the imports read exports back)."""
    return text[1:] if text.startswith("'") and looks_like_formula(text[1:]) else text
