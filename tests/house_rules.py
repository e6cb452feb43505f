"""The house's import rules, each a function from an import graph to the violations it finds.

Imports flow one way, pages → facilitation → models; pages write no SQL; the pages a phone
opens never load Plotly; facilitation/core stands on its own; capabilities form no cycle.
`python -m tests.house_rules` prints the graph between facilitation's capabilities.
"""

import ast
from pathlib import Path

from tests.import_graph import STDLIB, ImportGraph, cycles

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("app.py", "pages", "facilitation", "models")
# Who each layer may import from the project; nothing imports app.py, the entry point.
MAY_IMPORT = {
    "app": {"pages", "facilitation", "models"},
    "pages": {"pages", "facilitation", "models"},
    "facilitation": {"facilitation", "models"},
    "models": {"models"},
}
FRAMEWORK_FREE = ("facilitation", "models")
MIGRATIONS = "models.migrations"
MIGRATIONS_MAY_IMPORT = frozenset({"models", "sqlmodel", "alembic", "sqlalchemy"}) | STDLIB
SQL_LIBRARIES = frozenset({"sqlmodel", "sqlalchemy"})
SQL_GLUE = "pages.ui"  # types the engine and session it hands to services
QUERY_FUNCTIONS = frozenset({"select", "insert", "update", "delete"})
QUERY_METHODS = frozenset({"exec", "execute"})
PHONE_PAGES = ("pages.join", "pages.phone", "pages.progress", "pages.ui", "app", "facilitation.web.join_page")
HEAVY = "plotly"
CORE = "core"


def project_graph(root: Path = ROOT) -> ImportGraph:
    """Every module of app.py, pages/, facilitation/ and models/ under `root`."""
    return ImportGraph.scan(root, [entry for entry in SCANNED if (root / entry).exists()])


def _layer(module: str) -> str:
    return module.split(".")[0]


def _targets(graph: ImportGraph, module: str) -> list[tuple[int, set[str], set[str]]]:
    """Each import line of `module`: (line, the project modules it loads, the outside top-level names)."""
    found: dict[int, tuple[set[str], set[str]]] = {}
    for edge in graph.edges[module]:
        project, outside = found.setdefault(edge.line, (set(), set()))
        loaded = graph.project_modules(edge.target)
        project |= loaded
        if not loaded:
            outside.add(edge.target.split(".")[0])
    return [(line, project, outside) for line, (project, outside) in sorted(found.items())]


def _deepest(modules: set[str]) -> list[str]:
    """`{"pages", "pages.ui"}` → `["pages.ui"]`: name what was imported, not the packages it runs."""
    return sorted(m for m in modules if not any(other.startswith(m + ".") for other in modules))


def one_way(graph: ImportGraph) -> list[str]:
    """pages → facilitation → models, never back; facilitation and models never import streamlit."""
    problems = []
    for module in sorted(graph.modules):
        layer = _layer(module)
        for line, project, outside in _targets(graph, module):
            wrong = {target for target in project if _layer(target) not in MAY_IMPORT.get(layer, set())}
            problems += [f"{module}:{line} imports {target}" for target in _deepest(wrong)]
            if "streamlit" in outside and layer in FRAMEWORK_FREE:
                problems.append(f"{module}:{line} imports streamlit")
    return problems


def migrations_stay_small(graph: ImportGraph) -> list[str]:
    """Migrations import only models, sqlmodel, alembic, sqlalchemy and the standard library."""
    problems = []
    for module in sorted(m for m in graph.modules if m.startswith(MIGRATIONS + ".") or m == MIGRATIONS):
        for line, project, outside in _targets(graph, module):
            names = {_layer(target) for target in project} | outside
            problems += [f"{module}:{line} imports {name}" for name in sorted(names - MIGRATIONS_MAY_IMPORT)]
    return problems


def pages_write_no_sql(graph: ImportGraph) -> list[str]:
    """Pages call services: no sqlmodel/sqlalchemy import (but the glue's types), no query."""
    problems = []
    for module in sorted(m for m in graph.modules if _layer(m) == "pages"):
        if module != SQL_GLUE:
            for line, _project, outside in _targets(graph, module):
                problems += [f"{module}:{line} imports {name}" for name in sorted(outside & SQL_LIBRARIES)]
        source = graph.modules[module].read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if (isinstance(func, ast.Name) and func.id in QUERY_FUNCTIONS) or (
                isinstance(func, ast.Attribute) and func.attr in QUERY_METHODS
            ):
                problems.append(f"{module}:{node.lineno} builds a query: {ast.unparse(func)}(...)")
    return problems


def phone_pages_stay_light(graph: ImportGraph) -> list[str]:
    """No chain of imports from a page a phone opens reaches Plotly."""
    return [
        " → ".join(graph.route(page, HEAVY))
        for page in PHONE_PAGES
        if page in graph.modules and HEAVY in graph.reach(page)[1]
    ]


def _capability(module: str) -> str:
    parts = module.split(".")
    return parts[1] if parts[0] == "facilitation" and len(parts) > 1 else ""


def core_stands_alone(graph: ImportGraph) -> list[str]:
    """facilitation/core reaches no other capability, directly or through another module."""
    problems: dict[str, None] = {}
    for module in sorted(m for m in graph.modules if _capability(m) == CORE):
        for reached in sorted(graph.reach(module)[0]):
            if _capability(reached) not in ("", CORE):
                chain = graph.route(module, reached)
                # Up to the first step out of core: what lies beyond it is that capability's business.
                first_out = next(i for i, step in enumerate(chain) if _capability(step) not in ("", CORE))
                problems[" → ".join(chain[: first_out + 1])] = None
    return list(problems)


def capability_graph(graph: ImportGraph) -> dict[str, set[str]]:
    """Which capability of facilitation imports which other, from every import of every module."""
    found: dict[str, set[str]] = {_capability(m): set() for m in graph.modules if _capability(m)}
    for module in graph.modules:
        source = _capability(module)
        if source:
            for target in graph.loads(module)[0]:
                if _capability(target) not in ("", source):
                    found[source].add(_capability(target))
    return found


def capabilities_form_no_cycle(graph: ImportGraph) -> list[str]:
    """Capabilities import each other one way only."""
    return [f"import cycle among {', '.join(group)}" for group in cycles(capability_graph(graph))]


def imports_are_all_seen(graph: ImportGraph) -> list[str]:
    """Every import names a module the checker can follow: no computed names, no climbing above the top."""
    return [f"{edge.source}:{edge.line} {edge.target}" for edge in graph.unresolved]


RULES = (
    one_way,
    migrations_stay_small,
    pages_write_no_sql,
    phone_pages_stay_light,
    core_stands_alone,
    capabilities_form_no_cycle,
    imports_are_all_seen,
)

if __name__ == "__main__":
    for capability, imported in sorted(capability_graph(project_graph()).items()):
        print(f"{capability} → {', '.join(sorted(imported)) or '—'}")
