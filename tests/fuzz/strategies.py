"""Generated text that tries to become markup: what a hostile or careless visitor could type.

Every piece of markup here names the marker host `evil.test` or carries the marker word
`EVIL` (or the `evil` class), so a check can tell a link, image or styled element made from
input from the app's own markup, which never contains either.
"""

from hypothesis import strategies as st

HOST = "evil.test"
MARK = "EVIL"

MARKDOWN = (
    f"[{MARK}](http://{HOST}/)",
    f"![{MARK}](http://{HOST}/i.png)",
    f"[{MARK}][r]\n\n[r]: http://{HOST}/",
    f"[{MARK}]: http://{HOST}/",
    f"<http://{HOST}/>",
    f"http://{HOST}/{MARK}",
    f"www.{HOST}",
    f"**{MARK}**",
    f"_{MARK}_",
    f"~~{MARK}~~",
    f"`{MARK}`",
    f"${MARK}$",
    f"# {MARK}",
    "- ",
    "1. ",
    "> ",
    "---",
    "```",
    "| a | b |\n|---|---|",
    "\\",
    "\\*",
)
STREAMLIT = (
    f":red[{MARK}]",
    f":blue-background[{MARK}]",
    f":rainbow[{MARK}]",
    ":material/home:",
    ":smile:",
    "%{customdata}",
    "%{x}",
    "{count}",
    "{0}",
)
HTML = (
    f'<a href="http://{HOST}/">{MARK}</a>',
    f'<img src="http://{HOST}/i.png" onerror="alert(1)">',
    f'<script>alert("{MARK}")</script>',
    "<style>*{color:red}</style>",
    f'<iframe src="http://{HOST}/"></iframe>',
    f'<b class="evil">{MARK}</b>',
    f'<i class="evil">{MARK}</i>',
    f'<sup class="evil">{MARK}</sup>',
    f'<span style="color:red" class="evil">{MARK}</span>',
    f'"><img src=x onerror=alert("{MARK}")>',
    "' onmouseover='alert(1)' x='",
    "</div></section>",
    "<br>",
    "&quot;",
    "&lt;b&gt;",
    "&amp;lt;",
    f"&#60;a href=http://{HOST}&#62;",
)
INVISIBLE = (
    "\u200b",  # zero-width space
    "\u200c",
    "\u200d",  # zero-width joiner
    "\ufeff",  # byte-order mark
    "\u202e",  # right-to-left override
    "\u202d",
    "\u2066",  # left-to-right isolate … pop directional isolate
    "\u2067",
    "\u2068",
    "\u2069",
    "\u00ad",  # soft hyphen
    "\u2028",  # line separator
    "\u3000",  # ideographic space
)
CONTROL = ("\x00", "\x07", "\x08", "\x1b[31m", "\x7f", "\x85", "\r\n", "\n", "\r", "\t", "\x0b", "\x0c")
THAI = (
    "ผู้สูงอายุไม่มีรถไปโรงพยาบาล",
    "ก" + "\u0e31" * 8,  # a consonant under eight stacked vowel marks
    "ก\u0e48\u0e49\u0e4a\u0e4b",  # every tone mark on one letter
    "\u0e48\u0e34",  # marks with no letter under them
    "น้ำ",
    "เ",
    "๑๒๓",
)
EMPTY = ("", " ", "  \t\n ", "\u3000", "\u200b\u200b", "\u202e", "\n\n")
FRAGMENTS = MARKDOWN + STREAMLIT + HTML + INVISIBLE + CONTROL + THAI


def _repeat(pair: tuple[str, int]) -> str:
    piece, length = pair
    return (piece * (length // max(len(piece), 1) + 1))[:length]


def hostile_text() -> st.SearchStrategy[str]:
    """Markup, links, invisible and control characters, stacked Thai marks, very long and empty strings."""
    piece = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12))
    mixed = st.lists(piece, max_size=10).map("".join)
    # Longer than every field's limit (500) and than anything a screen should carry (5,000).
    long = st.tuples(st.sampled_from(FRAGMENTS + ("x ", "ก")), st.sampled_from((501, 600, 5_001, 8_000))).map(_repeat)
    return st.one_of(mixed, st.sampled_from(EMPTY), long, st.text())


def storable_text(limit: int) -> st.SearchStrategy[str]:
    """Hostile text that a field with `limit` characters accepts: never empty, never too long."""
    return hostile_text().map(lambda raw: raw[: limit - 1] + "ก")
