"""Spreadsheet cells from what people typed: text, never a formula."""

# What makes Excel, LibreOffice or Google Sheets read a typed cell as a formula (OWASP's
# CSV-injection list): "=", "+", "-" and "@" start one, and a leading tab or carriage return
# is dropped on import, which brings the next character to the front.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel's own mark for "this typed cell is text": it shows in a CSV and in a stored cell,
# which is what a reader should see (the text is quoted, not changed).
TEXT_MARK = "'"


def safe_cell(text: str) -> str:
    """`text` as a spreadsheet cell that shows it and never runs it ("=1+1" becomes "'=1+1")."""
    return TEXT_MARK + text if text.startswith(FORMULA_STARTS) else text
