"""The house rules hold on the real tree: imports flow pages → facilitation → models, phone pages stay light.

The rules are in tests/house_rules.py and the import reader in tests/import_graph.py;
tests/unit/test_import_graph.py shows on small made-up packages that neither misses a case.
"""

from collections.abc import Callable

import pytest

from tests.house_rules import (
    PHONE_PAGES,
    ROOT,
    SCANNED,
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
from tests.import_graph import ImportGraph, module_name

Rule = Callable[[ImportGraph], list[str]]


@pytest.fixture(scope="module")
def graph() -> ImportGraph:
    return project_graph()


def test_every_module_of_every_subpackage_is_read(graph: ImportGraph) -> None:
    """Nothing escapes the rules by sitting one folder deeper."""
    files = [ROOT / "app.py"] + [file for entry in SCANNED[1:] for file in (ROOT / entry).rglob("*.py")]
    assert set(graph.modules) == {module_name(ROOT, file) for file in files}
    assert {"app", "pages.ui", "facilitation.tree.figure", "facilitation.core.errors", "models.enums"} <= set(
        graph.modules
    )


@pytest.mark.parametrize(
    "rule",
    [
        one_way,
        migrations_stay_small,
        pages_write_no_sql,
        phone_pages_stay_light,
        core_stands_alone,
        capabilities_form_no_cycle,
        imports_are_all_seen,
    ],
    ids=lambda rule: rule.__name__,
)
def test_the_house_rule_holds(graph: ImportGraph, rule: Rule) -> None:
    """Each rule's docstring says what it keeps; a violation names the module and line, or the import chain."""
    problems = rule(graph)
    assert not problems, "\n".join([f"{rule.__name__}: {rule.__doc__}", *problems])


def test_the_phone_pages_are_all_read(graph: ImportGraph) -> None:
    """A renamed phone page would otherwise drop out of the Plotly rule unnoticed."""
    assert set(PHONE_PAGES) <= set(graph.modules)


def test_every_capability_is_in_the_graph(graph: ImportGraph) -> None:
    """Each folder of facilitation/ is a node of the capability graph, core with no edge out."""
    folders = {path.name for path in (ROOT / "facilitation").iterdir() if (path / "__init__.py").is_file()}
    capabilities = capability_graph(graph)
    assert set(capabilities) == folders
    assert capabilities["core"] == set()
