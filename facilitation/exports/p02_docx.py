"""The action plan as a Word table in the ผ.02 layout (landscape A4), editable before it is filed."""

from io import BytesIO

from docx.document import Document as DocxDocument

from facilitation.core.i18n import t
from facilitation.exports.docx_text import (
    GROUP_SHADE,
    HEAD_SHADE,
    TABLE_PT,
    Cell,
    add_paragraph,
    add_row,
    add_table,
    split_width,
    text_width,
    thai_document,
)
from facilitation.exports.p02 import P02Group, P02Table, leading_cells, p02_table, trailing_cells
from facilitation.exports.report import ForumReport

# Relative widths: ที่, โครงการ, วัตถุประสงค์, เป้าหมาย | each year | KPI, result, lead, group, dates, partners, fund.
LEADING_WEIGHTS = (0.75, 2.2, 2.0, 1.8)  # "No." in bold stays on one line
YEAR_WEIGHT = 1.8  # "ปีงบประมาณ" in 9-point bold is 1.8 cm: it stays whole with one or two budget years
TRAILING_WEIGHTS = (1.7, 1.7, 1.5, 1.4, 1.3, 1.5, 1.4)


def _baht(amount: int | None) -> str:
    return "" if amount is None else f"{amount:,}"


def _header(table: P02Table) -> list[list[Cell]]:
    def spanning(text: str, merge: str) -> Cell:
        return Cell(text if merge == "restart" else "", merge=merge, bold=True, shade=HEAD_SHADE, align="center")

    years = len(table.years)
    top = [
        *(spanning(text, "restart") for text in table.leading_headers),
        Cell(table.budget_header, span=years, bold=True, shade=HEAD_SHADE, align="center"),
        *(spanning(text, "restart") for text in table.trailing_headers),
    ]
    below = [
        *(spanning(text, "continue") for text in table.leading_headers),
        *(Cell(text, bold=True, shade=HEAD_SHADE, align="center") for text in table.year_headers),
        *(spanning(text, "continue") for text in table.trailing_headers),
    ]
    return [top, below]


def _total(table: P02Table, label: str, amounts: list[int]) -> list[Cell]:
    return [
        Cell(""),
        Cell(label, span=len(table.leading_headers) - 1, bold=True),
        *(Cell(_baht(amount), bold=True, align="right") for amount in amounts),
        Cell("", span=len(table.trailing_headers)),
    ]


def _group_rows(table: P02Table, group: P02Group) -> list[list[Cell]]:
    rows = [[Cell(group.label, span=table.column_count, bold=True, shade=GROUP_SHADE)]]
    for line in group.rows:
        rows.append(
            [
                *(Cell(text) for text in leading_cells(line)),
                *(Cell(_baht(line.budget_in(year)), align="right") for year in table.years),
                *(Cell(text) for text in trailing_cells(line)),
            ]
        )
    rows.append(_total(table, group.subtotal_label, [group.subtotal(year) for year in table.years]))
    return rows


def add_p02_table(document: DocxDocument, table: P02Table, width: int) -> None:
    """The ผ.02 table (its two header rows repeat on every page), then its notes."""
    weights = [*LEADING_WEIGHTS, *(YEAR_WEIGHT for _ in table.years), *TRAILING_WEIGHTS]
    widths = split_width(width, weights)
    grid = add_table(document, widths)
    for cells in _header(table):
        add_row(grid, cells, widths, header=True)
    for group in table.groups:
        for cells in _group_rows(table, group):
            add_row(grid, cells, widths)
    add_row(grid, _total(table, table.grand_total_label, [table.grand_total(year) for year in table.years]), widths)
    for note in table.notes:
        add_paragraph(document, note, size=TABLE_PT)


def p02_docx(report: ForumReport) -> bytes:
    """The report's action plan as a .docx: one landscape A4 table in the ผ.02 layout."""
    table = p02_table(report)
    document = thai_document(report.lang, landscape=True, page_label=t("docx_page", report.lang))
    add_paragraph(document, table.title, bold=True, size=14)
    add_paragraph(document, table.subtitle)
    add_p02_table(document, table, text_width(document.sections[0]))
    out = BytesIO()
    document.save(out)
    return out.getvalue()
