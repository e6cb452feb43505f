"""What an AppTest page shows of a forum filled with hostile text: markup made from input, if any."""

import json
import re
from collections.abc import Iterator
from typing import Any

from streamlit.testing.v1 import AppTest

from tests.fuzz.checks import figure_findings, html_findings, markdown_findings

# The app's own scripts, exactly: the join page keeps the phone's device token (one the
# server drew, of this shape) in a cookie. Any other script in an st.html body is a finding.
APP_SCRIPT = re.compile(
    r"<script>document\.cookie = 'forum_device=[A-Za-z0-9_-]{32}; path=/; max-age=31536000; SameSite=Lax';</script>"
)

# Elements whose text Streamlit reads as Markdown (labels of widgets, expanders and tabs too).
MARKDOWN_VALUES = {
    "markdown",
    "caption",
    "title",
    "header",
    "subheader",
    "error",
    "info",
    "success",
    "warning",
    "toast",
}


def _nodes(node: Any) -> Iterator[Any]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def page_findings(at: AppTest, page: str) -> list[str]:
    """An exception, or markup made from input, anywhere on the page as AppTest sees it."""
    found = [f"{page}: exception {error.value}" for error in at.exception]
    for node in _nodes(at._tree):
        kind = getattr(node, "type", "")
        proto = getattr(node, "proto", None)
        texts = []
        if kind in MARKDOWN_VALUES:
            texts.append(str(node.value))
        label = getattr(node, "label", None)
        if isinstance(label, str):
            texts.append(label)
        if kind == "radio":
            texts += [str(option) for option in node.options]
        found += [f"{page} {kind}: {finding}" for text in texts for finding in markdown_findings(text)]
        if kind == "html" and proto is not None:
            body = proto.body
            own = APP_SCRIPT.fullmatch(body) or (body.startswith("<style>") and "evil" not in body.lower())
            if not own:
                found += [f"{page} html: {finding}" for finding in html_findings(body)]
        if kind == "plotly_chart" and proto is not None:
            found += [f"{page} chart: {finding}" for finding in figure_findings(json.loads(proto.spec))]
    return found
