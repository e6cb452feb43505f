"""Spreadsheet cells that hold what people typed as text, never as a formula."""

# What Excel, LibreOffice and Google Sheets start a formula with (OWASP's list for CSV injection):
# "=1+1", "+66 81 …", "-2+3", "@SUM(A1)", and a tab or carriage return some of them skip over first.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """`text` with a leading apostrophe when a spreadsheet would read it as a formula; otherwise unchanged.

    The apostrophe stays in the stored value (as OWASP advises), so the text is also safe once
    the sheet is saved again as CSV, or its cell is edited and confirmed in Excel.
    """
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
