"""Which of Streamlit's files the phone page will need, so the join page can fetch them ahead.

Streamlit's `index.html` names its scripts, module preloads, style sheet and main font; the
widgets' chunks and the icon font are loaded later, once the page's first messages name its
widgets. All are hashed and served `public, immutable, max-age=1 year`: fetched once while a
person types their name, they come from the browser's cache when the phone page opens.
"""

import re
from dataclasses import dataclass
from pathlib import Path

# <script src>, <link rel=modulepreload|stylesheet|preload href> in Streamlit's index.html.
_ASSET = re.compile(r"""<(?:script|link)\b[^>]*?\b(?:src|href)="\./(static/[^"]+)\"""")
# The chunks the phone page loads after its first messages, by name without the hash: every
# script the share stage's phone page asked for beyond index.html's, measured in Chromium with
# Streamlit 1.67 (its widgets, st.html with DOMPurify, the live watcher's component). A name a
# later Streamlit no longer has is skipped: an upgrade can cost speed, never correctness.
PHONE_CHUNKS = (
    "ButtonGroup",
    "WidgetLabel",
    "styled-components",
    "WidgetLabelHelpIconInline",
    "useBasicWidgetState",
    "Html",
    "purify.es",
    "BidiComponent",
    "_arrayReduce",
    "serialization",
    "recordbatch",
    "Button",
    "Radio",
    "useFormValidation",
    "useField",
    "useFormReset",
    "useSlot",
    "TextArea",
    "ErrorOutline.esm",
    "WidgetLabelHelpIcon",
    "InputInstructions",
    "useTextInputAutoExpand",
    "inputUtils",
    "requiredField",
    "useUpdateUiValue",
)
ICON_FONT = "MaterialSymbols-Rounded"


@dataclass(frozen=True)
class Asset:
    """One file to fetch ahead: its path under the app's root, and how the browser will ask for it."""

    path: str  # e.g. "static/js/index.DormvYxC.js"
    kind: str  # "script", "style" or "font": the `as` a preload would name


def _kind(path: str) -> str:
    if path.endswith(".css"):
        return "style"
    if path.endswith((".woff2", ".woff", ".ttf")):
        return "font"
    return "script"


def streamlit_assets(static_dir: Path, *, chunks: tuple[str, ...] = PHONE_CHUNKS) -> list[Asset]:
    """The files `static_dir/index.html` names, then the phone page's widget chunks and the icon font.

    An empty list when Streamlit's files are not where expected: the join page then
    simply fetches nothing ahead.
    """
    index = static_dir / "index.html"
    if not index.is_file():
        return []
    named = list(dict.fromkeys(_ASSET.findall(index.read_text(encoding="utf-8"))))
    lazy = [
        f"static/js/{found.name}"
        for stem in chunks
        for found in sorted((static_dir / "static" / "js").glob(f"{stem}.*.js"))
        if found.name.count(".") == stem.count(".") + 2  # "Button.<hash>.js", not "ButtonGroup.<hash>.js"
    ]
    fonts = [f"static/media/{found.name}" for found in sorted((static_dir / "static" / "media").glob(f"{ICON_FONT}.*"))]
    paths = list(dict.fromkeys([*named, *lazy, *fonts]))
    return [Asset(path=path, kind=_kind(path)) for path in paths]
