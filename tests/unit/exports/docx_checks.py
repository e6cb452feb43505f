"""Reading a Word file back the way the tests need: every paragraph's text, every run, the header rows."""

from collections.abc import Iterator
from io import BytesIO
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

FONT = "Sarabun"
SLOTS = ("w:ascii", "w:hAnsi", "w:cs")


def reopen(data: bytes) -> DocxDocument:
    return Document(BytesIO(data))


def _parts(document: DocxDocument) -> Iterator[Any]:
    yield document.element.body
    for section in document.sections:
        for part in (section.header, section.footer):
            yield part._element


def paragraph_texts(document: DocxDocument) -> list[str]:
    """The text of every paragraph, table cells' included, with line breaks as newlines."""
    texts = []
    for part in _parts(document):
        for paragraph in part.iter(qn("w:p")):
            pieces = []
            for node in paragraph.iter(qn("w:t"), qn("w:br")):
                pieces.append("\n" if node.tag == qn("w:br") else node.text or "")
            texts.append("".join(pieces))
    return texts


def runs(document: DocxDocument) -> list[Any]:
    return [run for part in _parts(document) for run in part.iter(qn("w:r"))]


def thai_font_problems(document: DocxDocument) -> list[str]:
    """Runs (and defaults) lacking Sarabun in the Latin and complex-script slots, or a complex-script size/weight."""
    problems = []
    for index, run in enumerate(runs(document)):
        props = run.find(qn("w:rPr"))
        fonts = None if props is None else props.find(qn("w:rFonts"))
        text = "".join(node.text or "" for node in run.iter(qn("w:t")))
        if fonts is None or any(fonts.get(qn(slot)) != FONT for slot in SLOTS):
            problems.append(f"run {index} {text!r}: fonts")
            continue
        size, size_cs = props.find(qn("w:sz")), props.find(qn("w:szCs"))
        if (size is None) != (size_cs is None) or (
            size is not None and size.get(qn("w:val")) != size_cs.get(qn("w:val"))
        ):
            problems.append(f"run {index} {text!r}: complex-script size")
        if (props.find(qn("w:b")) is None) != (props.find(qn("w:bCs")) is None):
            problems.append(f"run {index} {text!r}: complex-script bold")
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    default_fonts = defaults.find(qn("w:rFonts"))
    if any(default_fonts.get(qn(slot)) != FONT for slot in SLOTS) or default_fonts.get(qn("w:cstheme")):
        problems.append("document defaults: fonts")
    for style in document.styles.element.findall(qn("w:style")):
        fonts = style.find(qn("w:rPr")).find(qn("w:rFonts")) if style.find(qn("w:rPr")) is not None else None
        if fonts is not None and (fonts.get(qn("w:cs")) != FONT or fonts.get(qn("w:asciiTheme"))):
            problems.append(f"style {style.get(qn('w:styleId'))}: fonts")
    return problems


def header_rows(table: Any) -> list[bool]:
    """For each row of a python-docx table, whether Word repeats it at the top of each page."""
    return [
        row._tr.find(qn("w:trPr")) is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
        for row in table.rows
    ]


def page_field(document: DocxDocument) -> bool:
    """Whether every section's footer counts pages with a PAGE field."""
    return all(
        any((node.text or "").strip() == "PAGE" for node in section.footer._element.iter(qn("w:instrText")))
        for section in document.sections
    )
