"""The house rules hold: imports flow pages → facilitation → models, and phone pages stay light."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PHONE_PAGES = ("pages/join.py", "pages/phone.py", "pages/ui.py", "app.py")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _top(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


@pytest.mark.parametrize("path", sorted((ROOT / "facilitation").glob("*.py")), ids=lambda p: p.name)
def test_facilitation_never_imports_streamlit(path: Path) -> None:
    """facilitation/ is framework-free."""
    assert "streamlit" not in _top(imported_modules(path))


@pytest.mark.parametrize("path", sorted((ROOT / "models").glob("*.py")), ids=lambda p: p.name)
def test_models_import_neither_pages_nor_facilitation(path: Path) -> None:
    """models/ sits at the bottom of the import graph."""
    assert not _top(imported_modules(path)) & {"streamlit", "facilitation", "pages"}


@pytest.mark.parametrize("path", sorted((ROOT / "pages").glob("*.py")), ids=lambda p: p.name)
def test_pages_write_no_sql(path: Path) -> None:
    """Pages call services; they never import sqlmodel/sqlalchemy or build a query."""
    modules = _top(imported_modules(path))
    if path.name != "ui.py":  # ui.py only types the engine and session it hands to services
        assert not modules & {"sqlmodel", "sqlalchemy"}
    assert not re.search(r"(?<![\w.])select\(|\.exec\(", path.read_text(encoding="utf-8"))


def _reachable(start: str) -> set[str]:
    """Project modules reachable by import from `start`, and every third-party top-level name they import."""
    seen: set[str] = set()
    third_party: set[str] = set()
    stack = [ROOT / start]
    while stack:
        path = stack.pop()
        if path in seen:
            continue
        seen.add(path)
        for module in imported_modules(path):
            candidate = ROOT / (module.replace(".", "/") + ".py")
            package = ROOT / module.replace(".", "/") / "__init__.py"
            if candidate.is_file():
                stack.append(candidate)
            elif package.is_file():
                stack.append(package)
            else:
                third_party.add(module.split(".")[0])
    return third_party


@pytest.mark.parametrize("page", PHONE_PAGES)
def test_phone_pages_never_load_plotly(page: str) -> None:
    """Plotly's 4.6 MB bundle stays off the pages phones open."""
    assert "plotly" not in _reachable(page)
