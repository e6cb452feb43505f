"""Thai Word documents: Sarabun on every run and style, A4 sections, page numbers, fast editable tables.

Word draws Thai with a run's complex-script properties (`w:rFonts/@w:cs`, `w:szCs`, `w:bCs`),
not the Latin ones python-docx sets: a run with only `font.name` and `bold` shows Thai in
another font, at another size and not bold. Every run and style here sets both.
"""

from collections.abc import Iterable, Sequence
from copy import deepcopy
from dataclasses import dataclass
from functools import cache
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Cm
from docx.table import Table
from docx.text.paragraph import Paragraph

from facilitation.exports.thai_text import FONT_FAMILY

BODY_PT = 11.0
TABLE_PT = 9.0
A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(2.0)
HEAD_SHADE = "D9E2F3"
GROUP_SHADE = "F2F2F2"
_FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
# A theme font attribute wins over the named font: the template's headings use them.
_THEME_SLOTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _rpr_text(bold: bool, size: float | None) -> str:
    fonts = " ".join(f'{slot}="{FONT_FAMILY}"' for slot in _FONT_SLOTS)
    weight = "<w:b/><w:bCs/>" if bold else ""
    half_points = "" if size is None else f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>'
    return f"<w:rPr><w:rFonts {fonts}/>{weight}{half_points}</w:rPr>"


@cache
def _rpr_xml(bold: bool, size: float | None) -> Any:
    return parse_xml(_rpr_text(bold, size).replace("<w:rPr>", f"<w:rPr {nsdecls('w')}>", 1))


def thai_rpr(*, bold: bool = False, size: float | None = None) -> Any:
    """A new `w:rPr`: Sarabun in every script slot; bold and size for Latin and complex script alike."""
    return deepcopy(_rpr_xml(bold, size))


def _set_rpr(run: Any, *, bold: bool = False, size: float | None = None) -> None:
    old = run.find(qn("w:rPr"))
    if old is not None:
        run.remove(old)
    run.insert(0, thai_rpr(bold=bold, size=size))


def _style_fonts(rpr: Any) -> None:
    fonts = rpr.get_or_add_rFonts()
    for slot in _THEME_SLOTS:
        fonts.attrib.pop(qn(slot), None)
    for slot in _FONT_SLOTS:
        fonts.set(qn(slot), FONT_FAMILY)
    size = rpr.find(qn("w:sz"))
    if size is not None and rpr.find(qn("w:szCs")) is None:
        twin = OxmlElement("w:szCs")
        twin.set(qn("w:val"), size.get(qn("w:val")))
        size.addnext(twin)
    if rpr.find(qn("w:b")) is not None and rpr.find(qn("w:bCs")) is None:
        rpr.find(qn("w:b")).addnext(OxmlElement("w:bCs"))


def _thai_styles(document: DocxDocument, lang: str) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _style_fonts(defaults)
    for tag, value in (("w:sz", BODY_PT), ("w:szCs", BODY_PT)):
        defaults.find(qn(tag)).set(qn("w:val"), str(round(value * 2)))
    language = defaults.find(qn("w:lang"))
    language.set(qn("w:val"), "th-TH" if lang == "th" else "en-GB")
    language.set(qn("w:bidi"), "th-TH")  # the complex-script language: Thai spelling and line breaks
    for style in styles.findall(qn("w:style")):
        _style_fonts(style.get_or_add_rPr())


def _page_number(section: Section, label: str) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_text(paragraph, f"{label} ", size=TABLE_PT)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph._p.add_r()
        _set_rpr(run, size=TABLE_PT)
        if kind:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run.append(mark)
        else:
            node = OxmlElement("w:instrText" if text == " PAGE " else "w:t")
            node.set(qn("xml:space"), "preserve")
            node.text = text
            run.append(node)


def _a4(section: Section, *, landscape: bool) -> None:
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)


def thai_document(lang: str, *, landscape: bool = False, page_label: str = "") -> DocxDocument:
    """A new A4 document whose styles and defaults are Sarabun, with the page number in the footer."""
    document = Document()
    _thai_styles(document, lang)
    section = document.sections[0]
    _a4(section, landscape=landscape)
    _page_number(section, page_label)
    return document


def new_section(document: DocxDocument, *, landscape: bool) -> Section:
    """A new A4 section on a new page; its footer (the page number) follows the previous one."""
    section: Section = document.add_section(WD_SECTION.NEW_PAGE)
    _a4(section, landscape=landscape)
    return section


def text_width(section: Section) -> int:
    """The width between the margins, in EMU."""
    return int(section.page_width or 0) - int(section.left_margin or 0) - int(section.right_margin or 0)


def add_text(paragraph: Paragraph, text: str, *, bold: bool = False, size: float | None = None) -> None:
    """Append `text` to `paragraph` as a Thai run (a newline becomes a line break)."""
    run = paragraph.add_run(text)
    _set_rpr(run._r, bold=bold, size=size)


@cache
def _style_id(name: str) -> str:
    # python-docx looks a style up by name among all styles for every paragraph: thousands of
    # bullets (overlap lines) took seconds. Every document here starts from its default template,
    # so a name's id is looked up once.
    style_id: str = Document().styles[name].style_id
    return style_id


def add_paragraph(
    document: DocxDocument, text: str = "", *, style: str | None = None, bold: bool = False, size: float | None = None
) -> Paragraph:
    paragraph = document.add_paragraph()
    if style:
        paragraph._p.style = _style_id(style)
    if text:
        add_text(paragraph, text, bold=bold, size=size)
    return paragraph


def add_heading(document: DocxDocument, text: str, level: int) -> Paragraph:
    return add_paragraph(document, text, style="Title" if level == 0 else f"Heading {level}")


def thai_runs(paragraph: Paragraph) -> None:
    """Give every run of `paragraph` the Thai font (for runs python-docx made, such as a picture's)."""
    for run in paragraph._p.findall(qn("w:r")):
        if run.find(qn("w:rPr")) is None:
            _set_rpr(run)


@dataclass(frozen=True)
class Cell:
    """One cell of a table row: text, and how it sits in the grid."""

    text: str = ""
    span: int = 1  # columns it covers
    merge: str | None = None  # "restart" or "continue": a cell spanning the header's two rows
    bold: bool = False
    shade: str | None = None
    align: str | None = None  # "right" for numbers, "center" for headings


@cache
def _tc_template(
    width: int, span: int, merge: str | None, bold: bool, shade: str | None, align: str | None, size: float
) -> Any:
    # A table of thousands of posts: a copy of one parsed cell is many times faster than building each.
    props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if span > 1:
        props.append(f'<w:gridSpan w:val="{span}"/>')
    if merge:
        props.append('<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>")
    if shade:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>')
    justify = f'<w:jc w:val="{align}"/>' if align else ""
    return parse_xml(
        f"<w:tc {nsdecls('w')}><w:tcPr>{''.join(props)}</w:tcPr>"
        f'<w:p><w:pPr><w:spacing w:after="0"/>{justify}</w:pPr>'
        f'<w:r>{_rpr_text(bold, size)}<w:t xml:space="preserve"></w:t></w:r></w:p></w:tc>'
    )


def _tc(cell: Cell, width: int, size: float) -> Any:
    tc = deepcopy(_tc_template(width, cell.span, cell.merge, cell.bold, cell.shade, cell.align, size))
    run = tc.find(qn("w:p")).find(qn("w:r"))
    first, *more = cell.text.split("\n")
    run.find(qn("w:t")).text = first  # lxml escapes it: typed text stays text
    for line in more:
        run.append(OxmlElement("w:br"))
        node = OxmlElement("w:t")
        node.set(qn("xml:space"), "preserve")
        node.text = line
        run.append(node)
    return tc


def add_table(document: DocxDocument, widths: Sequence[int]) -> Table:
    """An empty bordered table of fixed column `widths` (EMU), which Word lays out without measuring text."""
    table: Table = document.add_table(rows=0, cols=len(widths))
    table.style = "Table Grid"
    table.autofit = False  # w:tblLayout fixed
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(_twips(width)))
    return table


def _twips(emu: int) -> int:
    return round(emu / 635)


def add_row(table: Table, cells: Sequence[Cell], widths: Sequence[int], *, header: bool = False) -> None:
    """Append a row, kept whole on one page; a `header` row repeats at the top of every page the table runs onto."""
    tr = OxmlElement("w:tr")
    props = OxmlElement("w:trPr")
    props.append(OxmlElement("w:cantSplit"))
    if header:
        props.append(OxmlElement("w:tblHeader"))
    tr.append(props)
    column = 0
    for cell in cells:
        tr.append(_tc(cell, sum(_twips(w) for w in widths[column : column + cell.span]), TABLE_PT))
        column += cell.span
    table._tbl.append(tr)


def add_rows(table: Table, rows: Iterable[Sequence[str]], widths: Sequence[int]) -> None:
    """Append plain text rows."""
    for row in rows:
        add_row(table, [Cell(text) for text in row], widths)


def split_width(total: int, weights: Sequence[float]) -> list[int]:
    """`total` EMU shared among columns in proportion to `weights`."""
    whole = sum(weights)
    return [int(total * weight / whole) for weight in weights]
