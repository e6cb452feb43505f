"""The checker behind the house rules sees every import form, on small packages made in tmp_path.

If the reader missed a form, a page could reach Plotly (or a model reach streamlit) through
it while the architecture tests stayed green; each case here is one such form.
"""

from collections.abc import Callable
from pathlib import Path
from textwrap import dedent

import pytest

from tests.house_rules import (
    RULES,
    capabilities_form_no_cycle,
    capability_graph,
    core_stands_alone,
    imports_are_all_seen,
    migrations_stay_small,
    one_way,
    pages_write_no_sql,
    phone_pages_stay_light,
    project_graph,
)
from tests.import_graph import ImportGraph, cycles


def write(root: Path, files: dict[str, str]) -> None:
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(source), encoding="utf-8")


PACKAGE = {
    "pkg/__init__.py": "",
    "pkg/sub/__init__.py": "",
    "pkg/sub/heavy.py": "import plotly.graph_objects as go\nthing = 1\n",
    "pkg/sub/names.py": "thing = 1\n",
    "pkg/sub/deep/__init__.py": "",
    "pkg/other/__init__.py": "",
    "pkg/other/middle.py": "from pkg.sub import heavy\n",
    "pkg/lazy/__init__.py": "import plotly\n",
    "pkg/lazy/leaf.py": "",
}

# (file that imports, its source): each reaches pkg/sub/heavy.py and through it plotly.
FORMS = {
    "import a.b.c": ("pkg/user.py", "import pkg.sub.heavy"),
    "import a.b.c as d": ("pkg/user.py", "import pkg.sub.heavy as h"),
    "from a.b.c import name": ("pkg/user.py", "from pkg.sub.heavy import thing"),
    "from a.b.c import *": ("pkg/user.py", "from pkg.sub.heavy import *"),
    "from a.b import submodule": ("pkg/user.py", "from pkg.sub import heavy"),
    "from a.b import submodule as x": ("pkg/user.py", "from pkg.sub import names, heavy as h"),
    "from . import submodule": ("pkg/sub/light.py", "from . import heavy"),
    "from .module import name": ("pkg/sub/light.py", "from .heavy import thing"),
    "from .. import submodule": ("pkg/sub/deep/user.py", "from .. import heavy"),
    "from ..package import submodule": ("pkg/other/user.py", "from ..sub import heavy"),
    "from ..package.module import name": ("pkg/other/user.py", "from ..sub.heavy import thing"),
    "relative, in a package's __init__": ("pkg/sub/deep/__init__.py", "from ..heavy import thing"),
    "inside a function": ("pkg/user.py", "def later():\n    import pkg.sub.heavy\n"),
    "inside a method": ("pkg/user.py", "class C:\n    def m(self):\n        from pkg.sub import heavy\n"),
    "if TYPE_CHECKING": (
        "pkg/user.py",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.sub import heavy\n",
    ),
    "try / except ImportError": ("pkg/user.py", "try:\n    import pkg.sub.heavy\nexcept ImportError:\n    pass\n"),
    "importlib.import_module": ("pkg/user.py", "import importlib\nimportlib.import_module('pkg.sub.heavy')\n"),
    "import_module, imported by name": (
        "pkg/user.py",
        "from importlib import import_module\nimport_module(name='pkg.sub.heavy')\n",
    ),
    "importlib under another name": ("pkg/user.py", "import importlib as il\nil.import_module('pkg.sub.heavy')\n"),
    "import_module('.x', __package__)": (
        "pkg/sub/light.py",
        "import importlib\nimportlib.import_module('.heavy', __package__)\n",
    ),
    "import_module('.x', package='a.b')": (
        "pkg/user.py",
        "import importlib\nimportlib.import_module('.heavy', package='pkg.sub')\n",
    ),
    "__import__('a.b.c')": ("pkg/user.py", "__import__('pkg.sub.heavy')\n"),
    "__import__('a.b', fromlist=[...])": ("pkg/user.py", "__import__('pkg.sub', fromlist=['heavy'])\n"),
    "__import__ relative": ("pkg/sub/light.py", "__import__('heavy', globals(), locals(), [], 1)\n"),
    "through another module": ("pkg/user.py", "from pkg.other import middle\n"),
}


@pytest.mark.parametrize(("importer", "source"), FORMS.values(), ids=FORMS.keys())
def test_every_import_form_is_followed(tmp_path: Path, importer: str, source: str) -> None:
    write(tmp_path, {**PACKAGE, importer: source})
    graph = ImportGraph.scan(tmp_path, ["pkg"])
    start = importer.removesuffix(".py").removesuffix("/__init__").replace("/", ".")

    project, outside = graph.reach(start)

    assert "pkg.sub.heavy" in project
    assert "plotly" in outside
    assert graph.route(start, "plotly")[-2:] == ["pkg.sub.heavy", "plotly"]
    assert graph.unresolved == []


def test_importing_a_module_runs_the_packages_above_it(tmp_path: Path) -> None:
    """`import pkg.lazy.leaf` executes pkg/lazy/__init__.py, which loads plotly."""
    write(tmp_path, {**PACKAGE, "pkg/user.py": "import pkg.lazy.leaf\n"})
    assert "plotly" in ImportGraph.scan(tmp_path, ["pkg"]).reach("pkg.user")[1]


def test_names_that_are_not_modules_and_text_that_is_not_code_load_nothing(tmp_path: Path) -> None:
    """A name imported from a module is no edge of its own; an import in a string or comment is no import."""
    source = '''
        """import plotly"""
        # from pkg.sub import heavy
        from pkg.sub.names import thing
        text = "import pkg.sub.heavy"
    '''
    write(tmp_path, {**PACKAGE, "pkg/user.py": source})
    graph = ImportGraph.scan(tmp_path, ["pkg"])
    assert graph.reach("pkg.user") == ({"pkg", "pkg.user", "pkg.sub", "pkg.sub.names"}, set())


@pytest.mark.parametrize(
    "source",
    [
        "import importlib\nname = 'pkg.sub.heavy'\nimportlib.import_module(name)\n",
        "import importlib\nimportlib.import_module('.heavy', package=where())\n",
        "__import__('pkg.sub.' + 'heavy')\n",
        "from .... import heavy\n",
    ],
    ids=["computed name", "computed package", "computed __import__", "above the top package"],
)
def test_an_import_the_reader_cannot_follow_is_reported(tmp_path: Path, source: str) -> None:
    """What cannot be followed is listed, so the rules refuse it instead of missing what it loads."""
    write(tmp_path, {**PACKAGE, "pkg/user.py": source})
    graph = ImportGraph.scan(tmp_path, ["pkg"])
    assert [edge.source for edge in graph.unresolved] == ["pkg.user"]
    assert imports_are_all_seen(graph) != []


def test_cycles_are_found_and_a_dag_has_none() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"a"}}) == [["a"]]


# A small house that keeps every rule; each case below breaks one.
HOUSE = {
    "app.py": "from pages import ui\n",
    "pages/__init__.py": "",
    "pages/ui.py": "import streamlit as st\nfrom sqlmodel import Session\nfrom facilitation.core import db\n",
    "pages/join.py": "from pages import ui\n",
    "pages/phone.py": "from pages import ui\nfrom facilitation.forum import forums\n",
    "pages/tree.py": "import streamlit as st\nfrom facilitation.tree import figure\n",
    "facilitation/__init__.py": "",
    "facilitation/core/__init__.py": "",
    "facilitation/core/db.py": "from sqlmodel import Session\nimport models\n",
    "facilitation/forum/__init__.py": "",
    "facilitation/forum/forums.py": "from facilitation.core import db\nfrom models import Forum\n",
    "facilitation/links/__init__.py": "",
    "facilitation/links/qr.py": "import io\n",
    "facilitation/tree/__init__.py": "",
    "facilitation/tree/admin.py": "from facilitation.forum import forums\n",
    "facilitation/tree/figure.py": "import plotly.graph_objects as go\nfrom ..core import db\n",
    "models/__init__.py": "from models.forum import Forum\n",
    "models/forum.py": "import sqlmodel\n",
    "models/migrations/env.py": "import logging\nfrom alembic import context\nimport sqlalchemy\nimport models\n",
    "models/migrations/versions/0001_first.py": "import sqlalchemy as sa\nfrom alembic import op\n",
}

BREAKS = [
    (one_way, "facilitation/forum/forums.py", "from pages import ui", "facilitation.forum.forums:3 imports pages"),
    (one_way, "facilitation/core/db.py", "def f():\n    import streamlit", "facilitation.core.db:4 imports streamlit"),
    (one_way, "models/forum.py", "from facilitation.core import db", "models.forum:2 imports facilitation"),
    (one_way, "models/forum.py", "from streamlit import session_state", "models.forum:2 imports streamlit"),
    (one_way, "pages/join.py", "import app", "pages.join:2 imports app"),
    (migrations_stay_small, "models/migrations/env.py", "import requests", "models.migrations.env:5 imports requests"),
    (migrations_stay_small, "models/migrations/versions/0001_first.py", "from facilitation.core import db", "0001"),
    (pages_write_no_sql, "pages/phone.py", "from sqlmodel import select", "pages.phone:3 imports sqlmodel"),
    (pages_write_no_sql, "pages/join.py", "import sqlalchemy.orm as orm", "pages.join:2 imports sqlalchemy"),
    (pages_write_no_sql, "pages/phone.py", "rows = session.exec(query)", "pages.phone:3 builds a query"),
    (pages_write_no_sql, "pages/ui.py", "query = select(Forum)", "pages.ui:4 builds a query"),
    (phone_pages_stay_light, "pages/phone.py", "from facilitation.tree import figure", "facilitation.tree.figure"),
    (phone_pages_stay_light, "pages/ui.py", "def f():\n    from facilitation.tree import figure", "pages.ui → "),
    (
        phone_pages_stay_light,
        "facilitation/forum/forums.py",
        "from ..tree.figure import go",
        "pages.phone → facilitation.forum.forums → facilitation.tree.figure → plotly",
    ),
    (
        phone_pages_stay_light,
        "app.py",
        "import importlib\nimportlib.import_module('facilitation.tree.figure')",
        "app → facilitation.tree.figure → plotly",
    ),
    (core_stands_alone, "facilitation/core/db.py", "from facilitation.links import qr", "facilitation.links.qr"),
    (core_stands_alone, "facilitation/core/db.py", "from .. import links", "facilitation.links"),
    (capabilities_form_no_cycle, "facilitation/forum/forums.py", "from ..tree import admin", "among forum, tree"),
    (imports_are_all_seen, "pages/join.py", "import importlib\nimportlib.import_module(name)", "pages.join:3"),
]


def test_the_small_house_keeps_every_rule(tmp_path: Path) -> None:
    write(tmp_path, HOUSE)
    graph = project_graph(tmp_path)
    assert {rule.__name__: rule(graph) for rule in RULES} == {rule.__name__: [] for rule in RULES}
    assert capability_graph(graph) == {"core": set(), "forum": {"core"}, "links": set(), "tree": {"core", "forum"}}


@pytest.mark.parametrize(
    ("rule", "file", "line", "expected"),
    BREAKS,
    ids=[f"{rule.__name__}: {line.splitlines()[-1].strip()}" for rule, _file, line, _expected in BREAKS],
)
def test_each_rule_catches_a_break(
    tmp_path: Path, rule: Callable[[ImportGraph], list[str]], file: str, line: str, expected: str
) -> None:
    write(tmp_path, {**HOUSE, file: HOUSE[file].rstrip("\n") + "\n" + line + "\n"})
    found = rule(project_graph(tmp_path))
    assert found and any(expected in problem for problem in found), found
