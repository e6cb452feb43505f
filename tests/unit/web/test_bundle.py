"""What the light join page fetches ahead: the files index.html names, the phone page's chunks, the icons."""

from pathlib import Path

import streamlit

from facilitation.web.bundle import ICON_FONT, PHONE_CHUNKS, Asset, streamlit_assets

INDEX = """<!DOCTYPE html><html><head>
<link rel="shortcut icon" href="./favicon.png" />
<link
  rel="preload"
  href="./static/media/SourceSansVF-Upright.ttf.Abc.woff2"
  as="font" type="font/woff2" crossorigin
/>
<link rel="service-desc" href="./_stcore/agent/openapi.json" />
<script type="module" crossorigin src="./static/js/index.Main1.js"></script>
<link rel="modulepreload" crossorigin href="./static/js/react-dom.R1.js">
<link rel="stylesheet" crossorigin href="./static/css/index.C1.css">
</head><body></body></html>"""


def static_dir(root: Path, files: list[str]) -> Path:
    (root / "index.html").write_text(INDEX, encoding="utf-8")
    for name in files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")
    return root


def test_the_files_index_html_names_then_the_chunks_then_the_icon_font(tmp_path: Path) -> None:
    root = static_dir(
        tmp_path,
        ["static/js/Button.B1.js", "static/js/ButtonGroup.G1.js", "static/js/Text.esm.T1.js",
         "static/media/MaterialSymbols-Rounded.M1.woff2"],
    )  # fmt: skip
    found = streamlit_assets(root, chunks=("Button", "Text", "Gone"))
    assert found == [
        Asset("static/media/SourceSansVF-Upright.ttf.Abc.woff2", "font"),
        Asset("static/js/index.Main1.js", "script"),
        Asset("static/js/react-dom.R1.js", "script"),
        Asset("static/css/index.C1.css", "style"),
        # "Button" is not "ButtonGroup", nor "Text" "Text.esm"; a chunk no longer shipped is skipped.
        Asset("static/js/Button.B1.js", "script"),
        Asset("static/media/MaterialSymbols-Rounded.M1.woff2", "font"),
    ]


def test_without_streamlit_s_files_nothing_is_fetched_ahead(tmp_path: Path) -> None:
    assert streamlit_assets(tmp_path) == []


def test_the_installed_streamlit_still_has_every_chunk_the_phone_page_loads() -> None:
    """An upgrade that renamed a chunk would leave it out (the phone page slower): re-measure the list then."""
    static = Path(streamlit.__file__).resolve().parent / "static"
    paths = [asset.path for asset in streamlit_assets(static)]
    names = {Path(path).name.rsplit(".", 2)[0] for path in paths if path.startswith("static/js/")}
    assert set(PHONE_CHUNKS) <= names, set(PHONE_CHUNKS) - names
    assert any(Path(path).name.startswith(f"{ICON_FONT}.") for path in paths)
    assert sum(path.startswith("static/js/") for path in paths) > 50  # index.html's scripts as well
