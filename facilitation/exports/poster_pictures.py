"""The join poster's three pictures (scan, fill in, post), drawn with PDF lines and shapes.

Drawn rather than loaded, so nothing is downloaded and they print sharp at any size. Each
picture fits the box (x, y, w, h) it is given, centred; sizes are in millimetres. fpdf2's
`circle(x, y, r)` takes the centre (its docstring says the corner; the drawing says the centre).
"""

from fpdf import FPDF

Colour = tuple[int, int, int]

INK: Colour = (38, 50, 56)
PAPER: Colour = (255, 255, 255)
SHADE: Colour = (207, 216, 220)
# A few modules of a made-up code on the phone's screen: enough to read as "a QR code".
SCREEN_MODULES = ((3, 0), (4, 1), (3, 2), (0, 3), (2, 3), (4, 3), (6, 3), (3, 4), (5, 5), (3, 6), (4, 6), (6, 6))


def _finder(pdf: FPDF, x: float, y: float, module: float) -> None:
    """One of a QR code's three corner squares: 3×3 modules inside a ring."""
    pdf.set_fill_color(*INK)
    pdf.rect(x, y, 3 * module, 3 * module, style="F")
    pdf.set_fill_color(*PAPER)
    pdf.rect(x + 0.5 * module, y + 0.5 * module, 2 * module, 2 * module, style="F")
    pdf.set_fill_color(*INK)
    pdf.rect(x + module, y + module, module, module, style="F")


def phone_with_code(pdf: FPDF, x: float, y: float, w: float, h: float, accent: Colour) -> None:
    """A phone whose camera frames a QR code, with the corners of a scanner's viewfinder."""
    height = h
    width = height * 0.56
    left = x + (w - width) / 2
    pdf.set_draw_color(*INK)
    pdf.set_fill_color(*PAPER)
    pdf.set_line_width(1.0)
    pdf.rect(left, y, width, height, style="DF", round_corners=True, corner_radius=width * 0.16)
    pdf.set_fill_color(*INK)
    pdf.circle(left + width / 2, y + 2.4, 0.8, style="F")  # the camera
    pdf.set_line_width(0.6)
    pdf.line(left + width * 0.35, y + height - 2.2, left + width * 0.65, y + height - 2.2)
    # The code on the screen: 7 modules wide, finder squares in three corners.
    module = width * 0.62 / 7
    code_left = left + (width - 7 * module) / 2
    code_top = y + (height - 7 * module) / 2
    for dx, dy in ((0, 0), (4, 0), (0, 4)):
        _finder(pdf, code_left + dx * module, code_top + dy * module, module)
    pdf.set_fill_color(*INK)
    for dx, dy in SCREEN_MODULES:
        pdf.rect(code_left + dx * module, code_top + dy * module, module, module, style="F")
    # The viewfinder's corners around it, in the poster's colour.
    pdf.set_draw_color(*accent)
    pdf.set_line_width(0.8)
    pad, arm = module * 1.2, module * 2
    x0, y0 = code_left - pad, code_top - pad
    x1, y1 = code_left + 7 * module + pad, code_top + 7 * module + pad
    for cx, cy, sx, sy in ((x0, y0, 1, 1), (x1, y0, -1, 1), (x0, y1, 1, -1), (x1, y1, -1, -1)):
        pdf.line(cx, cy, cx + sx * arm, cy)
        pdf.line(cx, cy, cx, cy + sy * arm)


def form(pdf: FPDF, x: float, y: float, w: float, h: float, accent: Colour) -> None:
    """A sheet with two boxes to write in (name, organisation) and a choice of sector, one ticked."""
    height = h
    width = height * 0.8
    left = x + (w - width) / 2
    pdf.set_draw_color(*INK)
    pdf.set_fill_color(*PAPER)
    pdf.set_line_width(1.0)
    pdf.rect(left, y, width, height, style="DF", round_corners=True, corner_radius=1.5)
    inner = left + width * 0.14
    span = width * 0.72
    row = height / 3.6
    for index in range(2):
        top = y + row * (0.45 + index)
        pdf.set_fill_color(*SHADE)
        pdf.rect(inner, top, span * 0.45, row * 0.18, style="F")  # the label
        pdf.set_line_width(0.5)
        pdf.rect(inner, top + row * 0.32, span, row * 0.42, style="D")  # the box to write in
    # The sector: three round choices, the middle one ticked.
    top = y + row * 2.55
    radius = row * 0.2
    for index in range(3):
        cx = inner + radius + index * (span - 2 * radius) / 2
        pdf.set_line_width(0.5)
        pdf.set_fill_color(*PAPER)
        pdf.circle(cx, top + radius, radius, style="DF")
        if index == 1:
            pdf.set_fill_color(*accent)
            pdf.circle(cx, top + radius, radius * 0.55, style="F")
    # A pencil across the corner, writing.
    pdf.set_draw_color(*accent)
    pdf.set_line_width(1.6)
    tip_x, tip_y = left + width * 0.9, y + height * 0.45
    pdf.line(tip_x, tip_y, tip_x + width * 0.28, tip_y - height * 0.3)


def speech_bubble(pdf: FPDF, x: float, y: float, w: float, h: float, accent: Colour) -> None:
    """A speech bubble with lines of text in it, as a post looks on the forum's screen."""
    width = min(w * 0.9, h * 1.35)
    height = h * 0.72
    left = x + (w - width) / 2
    pdf.set_fill_color(*accent)
    pdf.set_draw_color(*accent)
    pdf.set_line_width(0.2)
    pdf.rect(left, y, width, height, style="F", round_corners=True, corner_radius=height * 0.22)
    tail_x = left + width * 0.22
    pdf.polygon(
        [(tail_x, y + height - 0.5), (tail_x + width * 0.18, y + height - 0.5), (tail_x - width * 0.06, y + h)],
        style="F",
    )
    pdf.set_fill_color(*PAPER)
    line = height * 0.1
    for index, share in enumerate((0.72, 0.6, 0.4)):
        pdf.rect(
            left + width * 0.14,
            y + height * (0.22 + 0.24 * index),
            width * share,
            line,
            style="F",
            round_corners=True,
            corner_radius=line / 2,
        )
