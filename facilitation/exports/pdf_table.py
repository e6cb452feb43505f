"""A ruled table on a ThaiPdf: cells wrap between Thai words, the header row repeats on every page."""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from facilitation.exports.pdf_layout import ThaiPdf
from facilitation.exports.thai_text import FONT_FAMILY, ZERO_WIDTH_SPACE, breakable

PAD = 1.2  # mm between a cell's rule and its text
HEADER_FILL = (228, 234, 242)


@dataclass(frozen=True)
class Column:
    title: str
    weight: float = 1.0  # its share of the table's width
    align: str = "L"  # "L", "C" or "R" (numbers and baht)


# A column grows for the longest word in its cells up to this many times its share of the width:
# one long address must not squeeze every other column.
MOST_GROWTH = 1.8
_BREAKS = re.compile(rf"[\s{ZERO_WIDTH_SPACE}]+")


def _longest_word(pdf: ThaiPdf, texts: Iterable[str]) -> float:
    return max((pdf.text_width(word) for text in texts for word in _BREAKS.split(breakable(text))), default=0.0)


def _widths(pdf: ThaiPdf, columns: Sequence[Column], rows: Sequence[Sequence[str]], size: float) -> list[float]:
    """The columns' widths in mm: by weight, widened where a word would otherwise be cut.

    Each column asks for its title's longest word (bold) and its cells' longest (up to MOST_GROWTH
    times its share); the columns with room to spare give it up in proportion to what they spare.
    """
    total = sum(column.weight for column in columns)
    shares = [pdf.epw * column.weight / total for column in columns]
    pdf.set_font(FONT_FAMILY, "B", size)
    titles = [_longest_word(pdf, [column.title]) for column in columns]
    pdf.set_font(FONT_FAMILY, "", size)
    cells = [_longest_word(pdf, [row[index] for row in rows]) for index in range(len(columns))]
    needs = [
        max(title, min(cell, share * MOST_GROWTH)) + 2 * PAD + 0.5
        for title, cell, share in zip(titles, cells, shares, strict=True)
    ]
    short = sum(max(0.0, need - share) for need, share in zip(needs, shares, strict=True))
    spare = sum(max(0.0, share - need) for need, share in zip(needs, shares, strict=True))
    if not short or not spare:
        return shares
    # When there is not room for every need, each short column gets the same part of what it lacks.
    given = min(short, spare)
    return [
        share + (need - share) * given / short if need > share else share - (share - need) * given / spare
        for need, share in zip(needs, shares, strict=True)
    ]


def _wrapped(pdf: ThaiPdf, cells: Sequence[str], widths: Sequence[float]) -> list[list[str]]:
    return [pdf.lines_of(text, width - 2 * PAD) for text, width in zip(cells, widths, strict=True)]


def _draw(
    pdf: ThaiPdf,
    cells: list[list[str]],
    widths: Sequence[float],
    aligns: Sequence[str],
    *,
    first: int,
    count: int,
    fill: bool = False,
) -> None:
    """Lines first … first+count-1 of each cell, ruled, from the current y."""
    height = pdf.line_height()
    top = pdf.y
    row_height = count * height + 2 * PAD
    x = pdf.l_margin
    for lines, width, align in zip(cells, widths, aligns, strict=True):
        if fill:
            pdf.set_fill_color(*HEADER_FILL)
        pdf.rect(x, top, width, row_height, style="DF" if fill else "D")
        for index, line in enumerate(lines[first : first + count]):
            pdf.set_xy(x + PAD, top + PAD + index * height)
            pdf.cell(width - 2 * PAD, height, line, align=align)
        x += width
    pdf.set_xy(pdf.l_margin, top + row_height)


def table(pdf: ThaiPdf, columns: Sequence[Column], rows: Iterable[Sequence[str]], *, size: float = 10.0) -> None:
    """Rows under a header row, across the text width; a row that does not fit goes on to the next page.

    A row taller than a whole page is split between its lines and continues under the header
    on the next page: no text runs off the page.
    """
    rows = [list(row) for row in rows]
    widths = _widths(pdf, columns, rows, size)
    aligns = [column.align for column in columns]
    pdf.set_font(FONT_FAMILY, "B", size)
    header = _wrapped(pdf, [column.title for column in columns], widths)
    header_lines = max(len(lines) for lines in header)
    header_height = header_lines * pdf.line_height() + 2 * PAD
    line = pdf.line_height(size)

    def draw_header() -> None:
        pdf.set_font(FONT_FAMILY, "B", size)
        _draw(pdf, header, widths, ["C"] * len(columns), first=0, count=header_lines, fill=True)
        pdf.set_font(FONT_FAMILY, "", size)

    # The header never stands alone at the foot of a page.
    pdf.ensure_room(header_height + line + 2 * PAD)
    draw_header()
    page_room = pdf.page_break_trigger - pdf.t_margin - header_height
    for row in rows:
        cells = _wrapped(pdf, row, widths)
        lines = max(len(cell) for cell in cells)
        done = 0
        fresh = False  # a page just begun: whatever fits there is drawn, at least a line
        while done < lines:
            left = lines - done
            fits = int((pdf.room_left() - 2 * PAD) // line)
            # A row that fits a page is never split; a taller one fills this page first.
            too_tall = left * line + 2 * PAD > page_room
            if not fresh and fits < left and (fits < 1 or not too_tall):
                pdf.add_page(same=True)
                draw_header()
                fresh = True
                continue
            count = max(1, min(fits, left))
            _draw(pdf, cells, widths, aligns, first=done, count=count)
            done += count
            fresh = False
