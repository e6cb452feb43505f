"""The printable A4 join poster: the forum, a large QR code of its join link, the code, three steps.

One language a poster: Thai, or English for a forum held in English. Both on one sheet would
halve the type, and the poster is read from a few steps away, often by older people.
"""

import io
import re
from collections.abc import Callable
from typing import Final

from fpdf import FPDF
from fpdf.enums import Align, MethodReturnValue, XPos, YPos

from facilitation.core.i18n import format_date, t
from facilitation.exports.poster_pictures import Colour, form, phone_with_code, speech_bubble
from facilitation.exports.thai_pdf import pdf_bytes, thai_pdf
from facilitation.exports.thai_text import FONT_FAMILY, ZERO_WIDTH_SPACE, breakable
from facilitation.links.qr import qr_png
from models import Forum

PAGE_W: Final = 210.0
MARGIN: Final = 14.0
TEXT_W: Final = PAGE_W - 2 * MARGIN
ACCENT: Colour = (0, 105, 92)
INK: Colour = (38, 50, 56)
MUTED: Colour = (84, 110, 122)
PT: Final = 25.4 / 72  # millimetres in a point
# The bands of the page, top to bottom (mm). The QR code keeps its size whatever the title's
# length: the title shrinks to fit its band instead.
HEADER_H: Final = 26.0
TITLE_TOP: Final = 33.0
TITLE_BOTTOM: Final = 84.0
QR_TOP: Final = 86.0
QR_SIZE: Final = 100.0  # with the code's quiet zone; the printed code is about 80 mm across
STEPS_TOP: Final = 222.0
FOOTER_Y: Final = 281.0
TITLE_SIZES: Final = (30, 27, 24, 21, 18, 16, 14)
Picture = Callable[[FPDF, float, float, float, float, Colour], None]
STEPS: Final[tuple[tuple[str, Picture], ...]] = (
    ("poster_step_scan", phone_with_code),
    ("poster_step_fill", form),
    ("poster_step_post", speech_bubble),
)


# A break point the word cutter put beside anything but a Thai letter: "1|/2570", "(|พมจ.".
NOT_BETWEEN_THAI = re.compile(f"(?<=[^\u0e01-\u0e4e]){ZERO_WIDTH_SPACE}|{ZERO_WIDTH_SPACE}(?=[^\u0e01-\u0e4e])")


def _breakable(text: str) -> str:
    """`text` with break points between Thai words only, so "1/2570" stays on one line."""
    return NOT_BETWEEN_THAI.sub("", breakable(text))


def _pdf() -> FPDF:
    pdf = thai_pdf()
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.c_margin = 0
    return pdf


def _lines(pdf: FPDF, text: str, width: float) -> int:
    found = pdf.multi_cell(width, text=text, dry_run=True, output=MethodReturnValue.LINES)
    assert isinstance(found, list)  # what output=LINES returns
    return len(found)


def _line_h(size: float) -> float:
    return size * PT * 1.3


def _fit(pdf: FPDF, text: str, sizes: tuple[int, ...], style: str, width: float, height: float) -> int:
    """The largest of `sizes` at which `text` fits `height` (the smallest if none does)."""
    for size in sizes:
        pdf.set_font(FONT_FAMILY, style, size)
        if _lines(pdf, text, width) * _line_h(size) <= height:
            return size
    return sizes[-1]


def _block(pdf: FPDF, y: float, text: str, size: float, style: str = "", colour: Colour = INK) -> float:
    """`text` centred across the page from `y`; returns the y below it."""
    pdf.set_font(FONT_FAMILY, style, size)
    pdf.set_text_color(*colour)
    pdf.set_xy(MARGIN, y)
    pdf.multi_cell(TEXT_W, _line_h(size), text, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return pdf.get_y()


def _header(pdf: FPDF, lang: str) -> None:
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, PAGE_W, HEADER_H, style="F")
    size = 30
    pdf.set_font(FONT_FAMILY, "B", size)
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(MARGIN, (HEADER_H - _line_h(size)) / 2)
    pdf.cell(TEXT_W, _line_h(size), _breakable(t("poster_heading", lang)), align=Align.C)


def _forum_block(pdf: FPDF, forum: Forum, lang: str) -> None:
    """The title as large as its band allows, then the date on its own line, then the venue."""
    day = format_date(forum.forum_date, lang)
    day_size = 18
    venue = _breakable(forum.venue.strip())
    venue_size = _fit(pdf, venue, (14, 12, 11), "", TEXT_W, 2 * _line_h(14)) if venue else 14
    pdf.set_font(FONT_FAMILY, "", venue_size)
    venue_h = _lines(pdf, venue, TEXT_W) * _line_h(venue_size) if venue else 0.0
    under_title = 2 + _line_h(day_size) + venue_h
    title = _breakable(forum.title.strip())
    size = _fit(pdf, title, TITLE_SIZES, "B", TEXT_W, TITLE_BOTTOM - TITLE_TOP - under_title)
    pdf.set_font(FONT_FAMILY, "B", size)
    title_h = _lines(pdf, title, TEXT_W) * _line_h(size)
    # Centred in its band, so a short title does not leave a gap above the code.
    y = TITLE_TOP + max(0.0, (TITLE_BOTTOM - TITLE_TOP - title_h - under_title) / 2)
    y = _block(pdf, y, title, size, "B")
    y = _block(pdf, y + 2, day, day_size, "B", colour=ACCENT)
    if venue:
        _block(pdf, y, venue, venue_size, colour=MUTED)


def _qr(pdf: FPDF, join_url: str) -> None:
    """The code as the console shows it (same error correction, quiet zone included), in a frame."""
    left = (PAGE_W - QR_SIZE) / 2
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(1.2)
    pdf.rect(left - 1, QR_TOP - 1, QR_SIZE + 2, QR_SIZE + 2, style="D", round_corners=True, corner_radius=4)
    pdf.image(io.BytesIO(qr_png(join_url)), x=left, y=QR_TOP, w=QR_SIZE, h=QR_SIZE, alt_text=join_url)


def _code_and_url(pdf: FPDF, forum: Forum, join_url: str, lang: str) -> None:
    """The join code in big letters beside its name, then the link in full."""
    y = QR_TOP + QR_SIZE + 1
    code_h = _line_h(44)
    label = t("poster_code_label", lang)
    pdf.set_font(FONT_FAMILY, "", 18)
    label_w = pdf.get_string_width(label) + 5
    pdf.set_font(FONT_FAMILY, "B", 44)
    pdf.set_char_spacing(3)
    code_w = pdf.get_string_width(forum.code)
    left = (PAGE_W - label_w - code_w) / 2
    pdf.set_text_color(*INK)
    pdf.set_xy(left + label_w, y)
    pdf.cell(code_w, code_h, forum.code)
    pdf.set_char_spacing(0)
    # Its name on the same middle line as the code.
    pdf.set_font(FONT_FAMILY, "", 18)
    pdf.set_text_color(*MUTED)
    pdf.set_xy(left, y)
    pdf.cell(label_w, code_h, label)
    # The link in full, for a phone without a camera; its font shrinks to keep it on one line.
    prefix = t("poster_or_open", lang) + " "
    size = 15
    for size in (15, 13, 11, 9, 8):
        pdf.set_font(FONT_FAMILY, "", size)
        if pdf.get_string_width(prefix + join_url) <= TEXT_W:
            break
    _block(pdf, y + code_h, prefix + join_url, size, colour=MUTED)


def _steps(pdf: FPDF, lang: str) -> None:
    """Three columns: the step's number in a disc beside its picture, its words below."""
    column = TEXT_W / len(STEPS)
    picture_h = 27.0
    disc = 6.0
    for index, (key, draw) in enumerate(STEPS):
        left = MARGIN + index * column
        draw(pdf, left + 2 * disc + 1, STEPS_TOP, column - 2 * disc - 3, picture_h, ACCENT)
        pdf.set_fill_color(*ACCENT)
        pdf.circle(left + disc + 1, STEPS_TOP + disc, disc, style="F")
        pdf.set_font(FONT_FAMILY, "B", 22)
        pdf.set_text_color(255, 255, 255)
        pdf.set_xy(left + 1, STEPS_TOP + disc - _line_h(22) / 2)
        pdf.cell(2 * disc, _line_h(22), str(index + 1), align=Align.C)
        pdf.set_font(FONT_FAMILY, "B", 16)
        pdf.set_text_color(*INK)
        pdf.set_xy(left + 1, STEPS_TOP + picture_h + 3)
        pdf.multi_cell(column - 2, _line_h(16), _breakable(t(key, lang)), align=Align.C)


def _footer(pdf: FPDF, lang: str) -> None:
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.6)
    pdf.line(MARGIN, FOOTER_Y - 2, PAGE_W - MARGIN, FOOTER_Y - 2)
    _block(pdf, FOOTER_Y, _breakable(t("poster_no_account", lang)), 13, colour=MUTED)


def join_poster_pdf(*, forum: Forum, join_url: str, lang: str) -> bytes:
    """An A4 poster inviting people to join `forum` at `join_url`, in `lang` ("th" or "en")."""
    pdf = _pdf()
    pdf.set_title(forum.title)
    pdf.set_lang("th" if lang == "th" else "en")
    pdf.add_page()
    _header(pdf, lang)
    _forum_block(pdf, forum, lang)
    _qr(pdf, join_url)
    _code_and_url(pdf, forum, join_url, lang)
    _steps(pdf, lang)
    _footer(pdf, lang)
    return pdf_bytes(pdf)
