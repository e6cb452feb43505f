"""Finding markup made from input in what the app renders: HTML, Markdown and Plotly's text.

Each check returns a list of findings (empty when clean), so a failing property shows
all of them at once. "Made from input" means it carries the marker host or word of
tests/fuzz/strategies.py, or it is a kind of element the app never makes itself.
"""

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from tests.fuzz.strategies import HOST, MARK

# Tags the app's own HTML never uses: any of them in a card or st.html body came from input.
FORBIDDEN_TAGS = frozenset(
    "a img script style iframe frame frameset object embed svg math form input button textarea select "
    "option link meta base video audio source track marquee i u sup sub mark font center blink details "
    "table template noscript".split()
)
# Where a browser would fetch or run something.
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "xlink:href", "background", "poster"})
# Plotly draws a few tags as markup (a, b, i, em, sup, sub, s, u, span with a style, br);
# the app's figures use only <b> and <br> without attributes, and <extra> in a hover template.
PLOTLY_TAGS = frozenset({"b", "br", "extra"})
# Streamlit's Markdown: colour and background directives, Material icons, inline maths.
# Escaped only by an odd number of backslashes: an even run is typed text, and what follows is live.
_UNESCAPED = r"(?<!\\)(?:\\\\)*"
DIRECTIVE = re.compile(
    _UNESCAPED + r":[a-z]+(?:-background)?\[" + MARK + r"|" + _UNESCAPED + r":material/|" + _UNESCAPED + r"\$" + MARK
)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def parse_html(body: str) -> _Collector:
    """Every start tag with its attributes, and the text between tags, as a browser would split them."""
    collector = _Collector()
    collector.feed(body)
    collector.close()
    return collector


def html_text(body: str) -> str:
    """The text a reader sees in `body` (entities decoded, tags dropped)."""
    return "".join(parse_html(body).data)


def _attribute_findings(tag: str, attrs: list[tuple[str, str | None]]) -> Iterator[str]:
    for name, value in attrs:
        if name.startswith("on"):
            yield f"event handler {name!r} on <{tag}>"
        if name in URL_ATTRIBUTES:
            yield f"{name}={value!r} on <{tag}>"
        if "evil" in name.lower() or "evil" in (value or "").lower():
            yield f"attribute {name}={value!r} on <{tag}> made from input"


def html_findings(body: str) -> list[str]:
    """Links, images, scripts, styles and marked elements in an HTML body."""
    findings: list[str] = []
    for tag, attrs in parse_html(body).tags:
        if tag in FORBIDDEN_TAGS:
            findings.append(f"<{tag}> element")
        findings.extend(_attribute_findings(tag, attrs))
    return findings


def plotly_findings(text: str) -> list[str]:
    """Markup in one of a figure's strings beyond the app's own <b> and <br>."""
    findings: list[str] = []
    for tag, attrs in parse_html(text).tags:
        if tag not in PLOTLY_TAGS:
            findings.append(f"<{tag}> in figure text {text[:80]!r}")
        if attrs:
            findings.append(f"attributes {attrs!r} on <{tag}> in figure text")
        findings.extend(_attribute_findings(tag, attrs))
    return findings


def figure_strings(spec: Any) -> Iterator[str]:
    """Every string anywhere in a Plotly figure's JSON (trace text, hover, names, annotations, titles)."""
    if isinstance(spec, str):
        yield spec
    elif isinstance(spec, dict):
        for value in spec.values():
            yield from figure_strings(value)
    elif isinstance(spec, list | tuple):
        for value in spec:
            yield from figure_strings(value)


def figure_findings(spec: Any) -> list[str]:
    """plotly_findings over every string of a figure (its to_plotly_json(), or a chart's spec)."""
    return [finding for text in figure_strings(spec) for finding in plotly_findings(text)]


_MARKDOWN = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])
# GitHub's and Streamlit's Markdown link a bare www.evil.test too, whatever its top-level domain.
_MARKDOWN.linkify.tlds("test", True)  # type: ignore[union-attr]
# As GitHub's autolinks: an address with a scheme or "www.", and e-mail addresses; a bare
# name such as evil.test stays text there, so it is not counted as a link here.
_MARKDOWN.linkify.set({"fuzzy_link": False})  # type: ignore[union-attr]
# Without autolinks of typed addresses: for the checks that leave those to a check of their own.
_PLAIN_MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_STYLED = {"strong_open", "em_open", "s_open", "link_open"}
# GitHub's "www." autolink, which linkify-it counts among its fuzzy links (turned off above).
_GFM_WWW = re.compile(r"(?i)(?:^|(?<=[\s*_~(]))www\.[\w-]+(?:\.[\w-]+)*")


def _tokens(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _tokens(token.children)


def markdown_findings(
    body: str, *, raw_html: bool = False, bare_urls: bool = True, directives: bool = True
) -> list[str]:
    """Links, images, styled runs and Streamlit directives made from input in a Markdown body.

    `raw_html` also counts HTML passed through as markup: Streamlit shows it as text
    (no unsafe_allow_html anywhere), but a Markdown file opened elsewhere renders it.
    `bare_urls=False` reads it without the autolinks of GitHub and Streamlit, which link an
    address typed as it is, for a caller that checks those on their own.
    `directives=False` is for a Markdown file, which no viewer but Streamlit reads them in.
    """
    findings = [f"directive {match.group(0)!r}" for match in DIRECTIVE.finditer(body)] if directives else []
    if bare_urls:
        findings += [f"www autolink {found.group(0)!r}" for found in _GFM_WWW.finditer(body) if HOST in found.group(0)]
    tokens = list(_tokens((_MARKDOWN if bare_urls else _PLAIN_MARKDOWN).parse(body)))
    for before, token in zip([None, *tokens], tokens, strict=False):
        href = str(token.attrGet("href") or token.attrGet("src") or "")
        if token.type in ("link_open", "image") and (HOST in href or MARK in token.content):
            findings.append(f"{token.markup or token.type} to {href!r}")
        if token.type == "text" and token.content.startswith(MARK) and before is not None and before.type in _STYLED:
            findings.append(f"{before.type} around {token.content[:40]!r}")
        if token.type == "code_inline" and token.content == MARK:
            findings.append(f"code span {token.content!r}")
        if token.type == "inline" and before is not None and before.type == "heading_open":
            if token.content.startswith(MARK):
                findings.append(f"heading {token.content[:40]!r}")
        if raw_html and token.type in ("html_inline", "html_block"):
            findings.append(f"raw HTML {token.content[:60]!r}")
    return findings


def markdown_text(body: str) -> str:
    """The text a reader sees in a Markdown body (escapes resolved, markup dropped)."""
    tokens = _tokens(_PLAIN_MARKDOWN.parse(body))
    return "".join(token.content for token in tokens if token.type in ("text", "code_inline"))
