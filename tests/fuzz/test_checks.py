"""The checks catch what they claim: markup made from input is found, the app's own markup is not."""

from html import escape

import pytest

from facilitation.exports.markdown import md_escape
from tests.fuzz.checks import figure_findings, html_findings, markdown_findings
from tests.fuzz.pages import APP_SCRIPT
from tests.fuzz.strategies import HTML, MARKDOWN

CARD = '<div class="card" style="border-left-color:#1565c0"><div class="card-text">{}</div></div>'
HTML_MADE = [piece for piece in HTML if piece.startswith("<") and piece != "<br>" and not piece.startswith("</")]
MARKDOWN_MADE = [
    "[EVIL](http://evil.test/)",
    "![EVIL](http://evil.test/i.png)",
    "<http://evil.test/>",
    "http://evil.test/EVIL",
    "www.evil.test",
    "**EVIL**",
    "_EVIL_",
    "~~EVIL~~",
    "`EVIL`",
    "$EVIL$",
    "# EVIL",
    ":red[EVIL]",
    ":blue-background[EVIL]",
    ":material/home:",
]


@pytest.mark.parametrize("piece", HTML_MADE)
def test_unescaped_html_is_found(piece: str) -> None:
    assert html_findings(CARD.format(piece))
    assert not html_findings(CARD.format(escape(piece)))


@pytest.mark.parametrize("piece", HTML_MADE)
def test_unescaped_figure_text_is_found(piece: str) -> None:
    assert figure_findings({"data": [{"hovertext": [f"<b>{piece}</b><br>x"]}]})
    assert not figure_findings({"data": [{"hovertext": [f"<b>{escape(piece)}</b><br>x"]}]})


@pytest.mark.parametrize("piece", MARKDOWN_MADE)
def test_unescaped_markdown_is_found(piece: str) -> None:
    assert markdown_findings(piece)
    if not piece.startswith("#"):
        assert markdown_findings(f"**Stage:** {piece}")


def test_the_apps_own_markup_is_not_a_finding() -> None:
    assert not markdown_findings("**ขั้นตอน:** แบ่งปัน\n\n#### เพิ่มกิจกรรม")
    assert not figure_findings({"data": [{"hovertemplate": "%{customdata}<extra></extra>", "text": ["a<br>b"]}]})
    assert not html_findings('<section class="feed-column"><h3 style="color:#2e7d32">x</h3></section>')


@pytest.mark.parametrize("piece", [p for p in MARKDOWN + HTML if "http" not in p and "www" not in p])
def test_escaped_markdown_is_not_a_finding(piece: str) -> None:
    assert not markdown_findings(f"- {md_escape(piece)}", raw_html=True, directives=False)


def test_only_the_apps_own_script_is_let_through() -> None:
    cookie = "<script>document.cookie = 'forum_device={}; path=/; max-age=31536000; SameSite=Lax';</script>"
    assert APP_SCRIPT.fullmatch(cookie.format("a" * 32))
    assert not APP_SCRIPT.fullmatch(cookie.format("';alert('EVIL');'" + "a" * 15))
    assert not any(APP_SCRIPT.fullmatch(piece) for piece in HTML)
