"""The layout's rules, checked on the source (docs/architecture.md): pure rules, no queries in
views, packages that register themselves, modules small enough to read."""
import ast
from pathlib import Path

import pytest

import journal

JOURNAL = Path(journal.__file__).parent
FEATURES = sorted(path.parent.name for path in JOURNAL.glob("*/__init__.py")
                  if path.parent.name not in ("models", "migrations"))
RULES = sorted(JOURNAL.glob("*/rules.py"))
VIEWS = sorted([*JOURNAL.glob("*/views.py"), *JOURNAL.glob("*/api.py")])
SOURCES = sorted(path for path in JOURNAL.rglob("*.py") if "migrations" not in path.parts)
# What a pure rule may import from outside the standard library: words, and other pure modules.
PURE = ("flask_babel", "journal.clock", "journal.weeks", "journal.refusal")
QUERY_CALLS = {"select", "where", "get_or_none", "execute", "atomic", "insert",
               "insert_many", "update", "delete", "execute_sql"}


def imported_modules(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def called_methods(path):
    """(method name, line) of every method call, route decorators (`@bp.delete`) aside."""
    tree = ast.parse(path.read_text())
    decorators = {id(decorator) for node in ast.walk(tree)
                  if isinstance(node, ast.FunctionDef) for decorator in node.decorator_list}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and id(node) not in decorators):
            yield node.func.attr, node.lineno


def test_there_are_feature_packages_and_few_shared_modules():
    assert len(FEATURES) >= 8
    assert len(list(JOURNAL.glob("*.py"))) <= 20
    assert not (JOURNAL / "api").exists()


@pytest.mark.parametrize("path", RULES, ids=lambda path: path.parent.name)
def test_rules_are_pure(path):
    """No request, app, database or model in a rules module: plain data and `now` in and out."""
    for module in imported_modules(path):
        if module.startswith(("flask", "peewee", "journal")):
            allowed = module.startswith(PURE) or (module.startswith("journal.")
                                                  and module.endswith((".rules", ".schedule",
                                                                       ".praise")))
            assert allowed, f"{path.parent.name}/rules.py imports {module}"


@pytest.mark.parametrize("path", VIEWS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_views_hold_no_queries(path):
    """Views ask model classmethods and stores; they build no query themselves."""
    queries = [(name, line) for name, line in called_methods(path) if name in QUERY_CALLS]
    assert not queries, f"{path.parent.name}/{path.name} queries: {queries}"


@pytest.mark.parametrize("path", VIEWS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_views_import_no_other_views(path):
    """What two views share lives in a store, rules or journal.web, not in one of them."""
    views = [module for module in imported_modules(path) if module.endswith((".views", ".api"))]
    assert not views, f"{path.parent.name}/{path.name} imports {views}"


@pytest.mark.parametrize("feature", FEATURES)
def test_each_package_registers_itself(feature):
    package = getattr(__import__(f"journal.{feature}"), feature)
    assert callable(getattr(package, "init_app", None)), f"journal/{feature} has no init_app"


def test_no_module_passes_300_lines():
    long = {str(path.relative_to(JOURNAL)): n for path in SOURCES
            if (n := len(path.read_text().splitlines())) > 300}
    assert not long
