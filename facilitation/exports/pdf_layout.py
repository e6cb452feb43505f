"""An A4 document in Thai on fpdf2: Sarabun shaped by HarfBuzz, headings, paragraphs, images, page numbers.

Everything drawn here is plain text: fpdf2's markdown is never switched on, so what people typed
("**", "<b>", "#", "=") prints as typed.
"""

import io
import re
import secrets
from collections.abc import Sequence
from typing import Any

from fpdf import FPDF
from fpdf.enums import TextDirection
from fpdf.line_break import Fragment, TextLine, TotalPagesSubstitutionFragment
from PIL import Image

from facilitation.core.i18n import t
from facilitation.exports.pdf_text import wrap
from facilitation.exports.thai_text import FONT_FAMILY, font_file, unbreakable

MARGIN = 15.0  # mm
BODY_SIZE = 11.0  # pt: Sarabun at 11 pt reads like TH Sarabun at 15 pt, the size Thai offices print
LINE = 1.55  # line height as a multiple of the font size: Thai stacks marks above and below
PT = 25.4 / 72  # mm in a point
GREY = (90, 90, 90)
HEADING_SIZES = {1: 18.0, 2: 14.0, 3: 12.0}
# Right-to-left scripts (Hebrew, Arabic, Syriac, …) and the marks that change direction.
_RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def _actual_text(text: str) -> str:
    # A PDF text string: UTF-16 big-endian with its byte-order mark, written in hex.
    return "<" + ("\ufeff" + text).encode("utf-16-be").hex().upper() + ">"


class ThaiPdf(FPDF):
    """An A4 document in Sarabun with "หน้า N/M" at the foot of every page."""

    def __init__(self, *, lang: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.lang = lang
        self._widths: dict[tuple[str, float, str], float] = {}
        self._line_texts: list[str | None] = []
        for style, name in (("", "Regular"), ("B", "Bold"), ("I", "Italic")):
            self.add_font(FONT_FAMILY, style, str(font_file(name)))
        self.set_text_shaping(use_shaping_engine=True, direction="ltr")
        # People's words are printed through the same cell() as the page numbers: a guessable
        # alias such as "{nb}" typed in a post would print the page count instead.
        self.alias_nb_pages(f"[{secrets.token_hex(6)}]")
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        self.set_font(FONT_FAMILY, size=BODY_SIZE)

    # --- the text layer -------------------------------------------------------------------
    # HarfBuzz places Thai marks with small offsets; text extractors (poppler's pdftotext, a
    # reader's copy) then reorder them ("ปู่ยา่") or split a word ("ลำ ดับ"). Each drawn line is
    # marked with the text it shows (PDF 32000-1 §14.9.4 /ActualText), without the zero-width
    # spaces that only tell the line breaker where it may break. Hooks into fpdf2 2.8's line
    # renderer: requirements.txt pins it.

    def _render_styled_text_line(self, text_line: TextLine, *args: Any, **kwargs: Any) -> bool:
        fragments = text_line.fragments
        page_count = any(isinstance(fragment, TotalPagesSubstitutionFragment) for fragment in fragments)
        # The page count is only known at the end: that line keeps its glyphs' own text.
        text = None if page_count else unbreakable("".join(fragment.string for fragment in fragments))
        self._line_texts.append(text)
        try:
            drawn: bool = super()._render_styled_text_line(text_line, *args, **kwargs)
        finally:
            self._line_texts.pop()
        return drawn

    def _out(self, s: str | bytes) -> None:
        # The line's text object is the one output that positions text ("Td"); a page break in
        # between runs the footer and header through their own (nested) lines first.
        if self._line_texts and self._line_texts[-1] and isinstance(s, str) and " Td" in s:
            s = f"/Span <</ActualText {_actual_text(self._line_texts[-1])}>> BDC {s} EMC"
            self._line_texts[-1] = None
        super()._out(s)

    def _preload_bidirectional_text(self, text: str, markdown: bool) -> Sequence[Fragment]:
        # fpdf2 runs the Unicode bidirectional algorithm on every piece of text it is given (a
        # third of the time of a long plan); Thai and English run left to right throughout.
        if self.text_shaping is None or _RIGHT_TO_LEFT.search(text):
            return super()._preload_bidirectional_text(text, markdown)
        self.text_shaping["paragraph_direction"] = TextDirection.LTR
        self.text_shaping["fragment_direction"] = TextDirection.LTR
        return self._preload_font_styles(text, markdown)

    # --- pages ----------------------------------------------------------------------------

    def footer(self) -> None:
        self.set_y(-MARGIN + 3)
        self.set_font(FONT_FAMILY, "", 9)
        self.set_text_color(*GREY)
        self.cell(0, 5, t("pdf_page", self.lang, page=self.page_no(), pages=self.str_alias_nb_pages), align="C")
        self.set_text_color(0, 0, 0)

    def line_height(self, size: float | None = None) -> float:
        return (size or self.font_size_pt) * PT * LINE

    def room_left(self) -> float:
        return self.page_break_trigger - self.y

    def ensure_room(self, height: float) -> None:
        """Start a new page (same orientation) unless `height` mm still fit on this one."""
        if self.room_left() < height:
            self.add_page(same=True)

    # --- text -----------------------------------------------------------------------------

    def text_width(self, text: str) -> float:
        """`text`'s shaped width in mm in the current font (words repeat: each is shaped once)."""
        key = (self.font_style, self.font_size_pt, text)
        found = self._widths.get(key)
        if found is None:
            found = self._widths[key] = self.get_string_width(text)
        return found

    def lines_of(self, text: str, width: float) -> list[str]:
        """`text` cut into lines that fit `width` mm in the current font, between words."""
        # A hair of slack: a line is shaped whole, its words were measured one by one.
        return wrap(text, width - 0.3, self.text_width)

    def paragraph(
        self, text: str, *, size: float = BODY_SIZE, style: str = "", indent: float = 0.0, bullet: str = ""
    ) -> None:
        """`text` as a block of wrapped lines; a `bullet` hangs in the indent before the first line."""
        self.set_font(FONT_FAMILY, style, size)
        height = self.line_height()
        left = self.l_margin + indent
        hang = self.text_width(bullet + " ") if bullet else 0.0
        for number, line in enumerate(self.lines_of(text, self.epw - indent - hang)):
            if self.room_left() < height:
                self.add_page(same=True)
            self.set_x(left + (0 if number == 0 else hang))
            if bullet and number == 0:
                self.cell(hang, height, bullet)
            self.cell(self.epw - indent - hang, height, line, new_x="LMARGIN", new_y="NEXT")

    def heading(self, text: str, level: int = 2) -> None:
        """A bold heading, kept on one page with at least two lines of what follows."""
        size = HEADING_SIZES[level]
        self.set_font(FONT_FAMILY, "B", size)
        lines = self.lines_of(text, self.epw)
        self.ensure_room(len(lines) * self.line_height(size) + 2 * self.line_height(BODY_SIZE) + 3)
        self.ln(2 if level > 1 else 0)
        self.paragraph(text, size=size, style="B")
        self.ln(1)

    def note(self, text: str) -> None:
        """A remark in grey italics: what is cut, missing or left out, said in the document itself."""
        self.set_text_color(*GREY)
        self.paragraph(text, size=BODY_SIZE - 1, style="I")
        self.set_text_color(0, 0, 0)

    def png_size(self, data: bytes, *, max_height: float) -> tuple[float, float]:
        """Width and height in mm a PNG takes across the text width, at most `max_height` high."""
        with Image.open(io.BytesIO(data)) as image:
            width_px, height_px = image.size
        width = self.epw
        height = width * height_px / width_px
        if height > max_height:
            width, height = width * max_height / height, max_height
        return width, height

    def png(self, data: bytes, *, max_height: float) -> None:
        """A PNG centred across the text width, on this page if it fits."""
        width, height = self.png_size(data, max_height=max_height)
        self.ensure_room(height)
        self.image(io.BytesIO(data), x=self.l_margin + (self.epw - width) / 2, y=self.y, w=width, h=height)
        self.set_y(self.y + height + 2)
