"""Who imports whom in the project, read from the source with `ast` (nothing is imported).

Every way a module can load another counts: `import a.b`, `import a.b as c`, `from a.b import c`
(c a name or a submodule), relative imports, imports inside functions, classes, `try` and
`if TYPE_CHECKING` blocks, and `importlib.import_module` / `__import__` with a literal name.
A dynamic import whose name is not a literal cannot be followed: it is listed in `unresolved`
so that a rule can refuse it instead of missing what it loads.
"""

import ast
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

STDLIB = frozenset(sys.stdlib_module_names)


@dataclass(frozen=True)
class Edge:
    source: str  # the importing module, e.g. "pages.tree"
    target: str  # the absolute dotted name it loads, e.g. "facilitation.tree.admin"
    line: int


@dataclass
class ImportGraph:
    """The project's modules under `root` and the import statements of each."""

    root: Path
    modules: dict[str, Path] = field(default_factory=dict)
    edges: dict[str, list[Edge]] = field(default_factory=dict)
    unresolved: list[Edge] = field(default_factory=list)  # target: what the source says instead of a name

    @classmethod
    def scan(cls, root: Path, include: Iterable[str]) -> "ImportGraph":
        """Read every `.py` file of the `include` entries (folders, walked recursively, or files)."""
        graph = cls(root)
        for entry in include:
            path = root / entry
            files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
            for file in files:
                graph.modules[module_name(root, file)] = file
        for name, file in graph.modules.items():
            graph.edges[name] = list(graph._read(name, file))
        return graph

    def _read(self, name: str, file: Path) -> Iterator[Edge]:
        package = name if file.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"), filename=str(file))):
            if isinstance(node, ast.Import):
                yield from (Edge(name, alias.name, node.lineno) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(package, node.level, node.module)
                if base is None:
                    self.unresolved.append(Edge(name, "." * node.level + (node.module or ""), node.lineno))
                    continue
                yield Edge(name, base, node.lineno)
                # `from a import b` loads the submodule a.b when there is one.
                yield from (Edge(name, f"{base}.{alias.name}", node.lineno) for alias in node.names)
            elif isinstance(node, ast.Call) and _is_dynamic_import(node.func):
                targets = _dynamic_targets(node, package)
                if targets is None:
                    self.unresolved.append(Edge(name, ast.unparse(node), node.lineno))
                else:
                    yield from (Edge(name, target, node.lineno) for target in targets)

    def loads(self, module: str) -> tuple[set[str], set[str]]:
        """What importing `module` loads directly: (project modules, top-level names of the rest)."""
        project: set[str] = set()
        external: set[str] = set()
        for edge in self.edges[module]:
            found = self.project_modules(edge.target)
            if found:
                project |= found
            elif edge.target.split(".")[0] not in self.tops:
                external.add(edge.target.split(".")[0])
        return project, external

    def project_modules(self, dotted: str) -> set[str]:
        """The project modules that loading `dotted` runs: it and each package above it."""
        parts = dotted.split(".")
        return {prefix for i in range(1, len(parts) + 1) if (prefix := ".".join(parts[:i])) in self.modules}

    @property
    def tops(self) -> set[str]:
        return {name.split(".")[0] for name in self.modules}

    def reach(self, start: str) -> tuple[set[str], set[str]]:
        """Everything `start` loads, transitively: (project modules, top-level names of the rest)."""
        seen: set[str] = set()
        external: set[str] = set()
        stack = sorted(self.project_modules(start))
        while stack:
            module = stack.pop()
            if module in seen:
                continue
            seen.add(module)
            project, outside = self.loads(module)
            external |= outside
            stack.extend(project - seen)
        return seen, external

    def route(self, start: str, to: str) -> list[str]:
        """The shortest import chain from `start` to a project module or a top-level outside name."""
        parent: dict[str, str] = {}
        queue = sorted(self.project_modules(start))
        seen = set(queue)
        while queue:
            module = queue.pop(0)
            project, outside = self.loads(module)
            if to in project or to in outside:
                chain = [to, module]
                while chain[-1] in parent:
                    chain.append(parent[chain[-1]])
                return chain[::-1]
            for found in sorted(project - seen):
                seen.add(found)
                parent[found] = module
                queue.append(found)
        return []


def module_name(root: Path, file: Path) -> str:
    """`facilitation/tree/__init__.py` → `facilitation.tree`; `app.py` → `app`."""
    parts = list(file.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _absolute(package: str, level: int, module: str | None) -> str | None:
    if level == 0:
        return module
    parts = package.split(".") if package else []
    if level - 1 >= len(parts):
        return None  # climbs above the top package: Python refuses it too
    base = parts[: len(parts) - (level - 1)]
    return ".".join([*base, module] if module else base)


def _is_dynamic_import(func: ast.expr) -> bool:
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name in ("import_module", "__import__")


def _argument(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    if len(call.args) > position:
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _literal(node: ast.expr | None) -> object:
    try:
        return ast.literal_eval(node) if node is not None else None
    except (ValueError, TypeError, SyntaxError):
        return ...  # not a literal


def _dynamic_targets(call: ast.Call, package: str) -> list[str] | None:
    """The names an import_module / __import__ call loads, or None when they are not literals."""
    name = _literal(_argument(call, 0, "name"))
    if not isinstance(name, str):
        return None
    func = call.func
    if (func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")) == "__import__":
        level, fromlist = _literal(_argument(call, 4, "level")) or 0, _literal(_argument(call, 3, "fromlist")) or ()
        if not isinstance(level, int) or not isinstance(fromlist, list | tuple):
            return None
        base = _absolute(package, level, name or None)
        return None if base is None else [base, *(f"{base}.{item}" for item in fromlist)]
    if not name.startswith("."):
        return [name]
    # import_module(".x", package) resolves against a package given as a literal or __package__.
    anchor = _argument(call, 1, "package")
    if isinstance(anchor, ast.Name) and anchor.id == "__package__":
        anchor_package: object = package
    else:
        anchor_package = _literal(anchor)
    if not isinstance(anchor_package, str):
        return None
    level = len(name) - len(name.lstrip("."))
    base = _absolute(anchor_package, level, name[level:] or None)
    return None if base is None else [base]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one node, or with a self-loop (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for successor in sorted(graph.get(node, ())):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found
