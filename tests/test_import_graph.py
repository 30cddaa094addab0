"""Imports inside the package go one way: the import graph of ``src/actorstance`` has no cycle.

The graph is read from the source (AST), so it counts every import, including those inside
functions that keep ``actorstance --help`` fast: a lazy import still ties two modules together.
Imports under ``if TYPE_CHECKING:`` are annotations only and are not counted.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "actorstance"


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def _imported(tree: ast.AST, package: str):
    """Every absolute module name ``tree`` imports (``from X import y`` gives ``X.y`` and ``X``)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            node.body = []  # annotations only
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([node.module] if node.module else []))
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def import_graph() -> nx.DiGraph:
    modules = _modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for target in _imported(ast.parse(path.read_text(encoding="utf-8")), package):
            if target in modules and target != name and not name.startswith(target + "."):
                graph.add_edge(name, target)
    return graph


def test_the_graph_sees_lazy_imports():
    graph = import_graph()
    assert graph.has_edge("actorstance.cli", "actorstance.cli.annotations") is False  # by name, via importlib
    assert graph.has_edge("actorstance.cli.annotations", "actorstance.annotations")  # inside a command function


def test_no_import_cycle():
    cycles = sorted(nx.simple_cycles(import_graph()), key=len)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join([*c, c[0]]) for c in cycles[:5])


def test_no_cycle_between_the_top_level_steps():
    """Layers one way: collapsed to top-level modules and packages (``dataset``, ``reports``...), still no cycle."""
    def step(module: str) -> str:
        return module.split(".")[1] if "." in module else module

    steps = nx.DiGraph((step(a), step(b)) for a, b in import_graph().edges if step(a) != step(b))
    cycles = sorted(nx.simple_cycles(steps), key=len)
    assert not cycles, "cycles between steps: " + "; ".join(" -> ".join([*c, c[0]]) for c in cycles[:5])
