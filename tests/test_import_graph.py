"""Imports inside education/ point down, never up or round (docs/development.md, "The layers").

Read with the standard library's ast rather than import-linter: a few lines, no new dependency,
and imports inside functions count too (a deferred import is still a dependency).
"""

import ast
from itertools import pairwise
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "education"

# Lowest first. A module may import its own layer and the layers below it, never one above.
LAYERS = [
    ("text",),  # pure helpers: no models, no features
    ("models",),
    ("content", "demo_content", "editorial", "search", "selfcheck", "site", "transfer"),  # features
    ("admin", "apps", "management", "migrations", "templatetags", "urls"),  # wiring
]


def _modules():
    """{"education.models.content": path}, packages under their own name."""
    found = {}
    for path in APP.rglob("*.py"):
        parts = ["education", *path.relative_to(APP).with_suffix("").parts]
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(name, path, modules):
    """[(line, imported module)] for every education module that `name` imports, anywhere in it."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # from .base import X, from .. import y
                parts = package.split(".")
                base = ".".join([*parts[: len(parts) - node.level + 1], base]).rstrip(".")
            # "from education.text import pemat" imports the module education.text.pemat
            targets = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in modules]
            targets = targets or [base]
        else:
            continue
        for target in targets:
            while target and target not in modules:  # education.models.Image -> education.models
                target = target.rpartition(".")[0]
            if target and target != name and target != "education":
                found.append((node.lineno, target))
    return found


def _rank(module):
    room = module.split(".")[1]
    return next((rank for rank, rooms in enumerate(LAYERS) if room in rooms), None)


def _graph():
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def test_every_room_of_the_app_has_a_layer():
    rooms = {name.split(".")[1] for name in _graph() if name != "education"}
    assert {room for room in rooms if _rank(f"education.{room}") is None} == set(), "add it to LAYERS"


def test_no_import_points_up():
    upward = [
        f"{name}:{line} imports {target} (a higher layer)"
        for name, imports in _graph().items()
        for line, target in imports
        if name != "education" and _rank(target) > _rank(name)
    ]
    assert upward == [], "\n".join(upward)


def test_no_import_circle():
    graph = {name: {target for _line, target in imports} for name, imports in _graph().items()}
    lines = {(name, target): line for name, imports in _graph().items() for line, target in imports}
    circles = []
    done = set()

    def visit(name, path):
        if name in path:
            circle = [*path[path.index(name) :], name]
            circles.append(" -> ".join(f"{a}:{lines[a, b]}" for a, b in pairwise(circle)) + f" -> {name}")
            return
        if name in done:
            return
        for target in sorted(graph[name]):
            visit(target, [*path, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])
    assert circles == [], "import circles:\n" + "\n".join(circles)


def test_migrations_import_no_live_code():
    """A migration runs what it ran then (frozen), whatever the code says today."""
    live = [
        f"{name}:{line} imports {target}"
        for name, imports in _graph().items()
        if name.startswith("education.migrations.")
        for line, target in imports
    ]
    assert live == [], "\n".join(live)
