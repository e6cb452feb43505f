"""A PDF that prints Thai in Sarabun, shaped, and copies back as the Thai that was written.

HarfBuzz draws SARA AM (ำ) as two glyphs, NIKHAHIT then SARA AA, and fpdf2 (2.8.9) gives
the character to the first and nothing to the second. A reader then finds an unnamed glyph
between ำ and the next letter, takes its width for a space, and "ตำบล" copies as "ตำ บล".
Giving ำ to the SARA AA glyph instead (the last of the pair) copies it back whole.
"""

from fpdf import FPDF
from fpdf.fonts import TTFFont

from facilitation.exports.thai_text import FONT_FAMILY, font_file

SARA_AM = 0x0E33
SARA_AA = 0x0E32


def thai_pdf(*, orientation: str = "portrait") -> FPDF:
    """An A4 document in millimetres with Sarabun regular and bold, Thai shaping on."""
    pdf = FPDF(orientation=orientation, unit="mm", format="A4")
    pdf.add_font(FONT_FAMILY, "", font_file("Regular"))
    pdf.add_font(FONT_FAMILY, "B", font_file("Bold"))
    pdf.set_text_shaping(True)
    return pdf


def _copyable_sara_am(pdf: FPDF) -> None:
    for font in pdf.fonts.values():
        if not isinstance(font, TTFFont):
            continue
        own_glyph = font.glyph_ids.get(SARA_AM)
        sara_aa = font.glyph_ids.get(SARA_AA)
        for glyph, _ in font.subset.items():
            if glyph is None or not isinstance(glyph.unicode, tuple):
                continue
            if SARA_AM in glyph.unicode and glyph.glyph_id != own_glyph:
                # NIKHAHIT (alone, or joined with a tone mark: "น้ำ") keeps the rest of its characters.
                glyph.unicode = tuple(code for code in glyph.unicode if code != SARA_AM)
            elif glyph.unicode == () and glyph.glyph_id == sara_aa:
                glyph.unicode = (SARA_AM,)


def pdf_bytes(pdf: FPDF) -> bytes:
    """The finished document, its Thai text mapped so that it copies and searches as written."""
    _copyable_sara_am(pdf)
    return bytes(pdf.output())
