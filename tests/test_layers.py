"""The apps import downward only: the layer contract of docs/architecture.md, checked on the source.

`make lint` runs import-linter on the contract in `pyproject.toml` (`[tool.importlinter]`); this
test checks the same contract inside pytest, names each offending import as file:line, and fails
for an app without a layer (keep the two in step). It reads every module of `civhub/` (migrations
aside) and collects its imports, also those inside functions, where a cycle hides most easily.
Parsing whole modules with `ast` costs most of a second; the import statements are found by a
pattern first (a parenthesised list may span lines) and only those are parsed.

Apps in one tuple are siblings: neither may import the other. An app may import any app in a lower
layer, but never another app's views or management commands: what two apps share moves down into
`core` (charts' CSP, form fields, the commands' argument helpers, `core.views`' helpers).
"""

import ast
import re
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "civhub"

# Lowest first. ledger sits below programme: a contribution names its activity by the string
# "programme.Activity", so the ledger never imports programme while programme reads the ledger.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),
    ("accounts",),
    ("partners",),
    ("ledger",),
    ("programme",),
    ("grants",),
    ("reports",),
    ("research", "learning", "news"),
    ("hca",),
    ("governance", "applications"),
    ("events",),
    ("api", "loader", "webhooks", "privacy"),
)

LEVEL = {app: level for level, apps in enumerate(LAYERS) for app in apps}

# Modules an app keeps to itself: another app reaching into them couples to a page or a command line.
PRIVATE_ROOMS = (("views",), ("management", "commands"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_names(path: Path, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The dotted names an import statement reaches: `from a.b import c` reaches `a.b.c`."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = _module_name(path).split(".")
        if path.name != "__init__.py":
            package = package[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, base] if base else package)
    return [f"{base}.{alias.name}" for alias in node.names]


# An import statement at the start of a line, with a parenthesised name list running over several lines.
IMPORT_LINE = re.compile(r"^[ \t]*(?:from[ \t]+[\w.]+[ \t]+import[ \t]*(?:\([^)]*\)|[^\n]*)|import[ \t]+[^\n]*)",
                         re.MULTILINE)


def _import_statements(path: Path):
    """(line number, ast node) of every import statement in the module, at any depth."""
    text = path.read_text(encoding="utf-8")
    for match in IMPORT_LINE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        try:
            tree = ast.parse(textwrap.dedent(match.group(0)))
        except SyntaxError:  # the word "import" starting a line of a docstring or comment
            continue
        for node in tree.body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                yield line, node


def _imports() -> list[tuple[str, str, str]]:
    """(importing app, imported dotted name, file:line) for every import of another civhub app."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if "migrations" in relative.parts or len(relative.parts) < 3:
            continue  # migrations are history; civhub/urls.py and settings.py compose every app
        app = relative.parts[1]
        for line, node in _import_statements(path):
            for name in _imported_names(path, node):
                parts = name.split(".")
                if parts[0] == "civhub" and len(parts) > 1 and parts[1] in LEVEL and parts[1] != app:
                    found.append((app, name, f"{relative}:{line}"))
    return found


IMPORTS = _imports()


def test_every_app_has_a_layer():
    apps = {path.parent.name for path in PACKAGE.glob("*/apps.py")}
    assert apps == set(LEVEL), f"apps without a layer: {sorted(apps - set(LEVEL))}; gone: {sorted(set(LEVEL) - apps)}"


def test_apps_import_only_lower_layers():
    upward = [
        f"{where}: {app} imports {name}"
        for app, name, where in IMPORTS
        if LEVEL[name.split(".")[1]] >= LEVEL[app]
    ]
    assert not upward, "imports against the layers (core < accounts < partners < ledger < programme < ...):\n" + (
        "\n".join(upward)
    )


@pytest.mark.parametrize("room", PRIVATE_ROOMS, ids=".".join)
def test_no_app_imports_another_apps_views_or_commands(room):
    reaching = [
        f"{where}: {app} imports {name}"
        for app, name, where in IMPORTS
        # core.views holds the view helpers every app shares (posted data, form pages, confirm-then-act).
        if tuple(name.split(".")[2 : 2 + len(room)]) == room and name.split(".")[1] != "core"
    ]
    assert not reaching, f"imports of another app's {'.'.join(room)}:\n" + "\n".join(reaching)
