"""The import graph of haitao/ read from the source (AST), without importing anything: which module
imports which, at module or function level alike, and which models each module writes."""

from __future__ import annotations

import ast
import pathlib
from dataclasses import dataclass, field

ROOT = pathlib.Path(__file__).resolve().parents[2] / "haitao"
WRITES = {"create", "bulk_create", "update", "bulk_update", "get_or_create", "update_or_create", "delete"}


@dataclass
class Module:
    path: pathlib.Path
    rel: str  # "orders/services.py"
    app: str  # "orders" (a top-level module such as cli.py is its own "app": "cli")
    lines: int
    imports: set[str] = field(default_factory=set)  # absolute dotted names
    foreign_writes: list[str] = field(default_factory=list)  # "Model.method (app)" on another app's models


def _absolute(node: ast.ImportFrom, rel_parts: list[str]) -> str:
    if not node.level:
        return node.module or ""
    base = rel_parts[:-1]
    base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
    return ".".join(["haitao", *base, *([node.module] if node.module else [])])


def modules() -> list[Module]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if "/migrations/" in f"/{rel}":
            continue
        source = path.read_text(encoding="utf-8")
        parts = rel.split("/")
        module = Module(path, rel, parts[0].removesuffix(".py"), source.count("\n"))
        tree = ast.parse(source)
        foreign: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                module.imports.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                name = _absolute(node, parts)
                module.imports.add(name)
                module.imports.update(f"{name}.{alias.name}" for alias in node.names)
                other = name.split(".")
                if len(other) == 3 and other[0] == "haitao" and other[2] == "models" and other[1] != module.app:
                    foreign.update({alias.asname or alias.name: other[1] for alias in node.names})
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITES:
                value, chain = node.func.value, []
                while isinstance(value, (ast.Call, ast.Attribute)):
                    if isinstance(value, ast.Attribute):
                        chain.append(value.attr)
                    value = value.func if isinstance(value, ast.Call) else value.value
                if isinstance(value, ast.Name) and value.id in foreign and "objects" in chain:
                    module.foreign_writes.append(f"{value.id}.{node.func.attr} ({foreign[value.id]})")
        found.append(module)
    return found


def app_edges(mods: list[Module]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for module in mods:
        for name in module.imports:
            parts = name.split(".")
            if parts[0] == "haitao" and len(parts) > 1 and parts[1] != module.app:
                edges.setdefault(module.app, set()).add(parts[1])
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one app (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for app in sorted(set(edges) | {w for targets in edges.values() for w in targets}):
        if app not in index:
            visit(app)
    return found
