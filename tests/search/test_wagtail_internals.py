"""The parts of Wagtail's search that are not its public API, which the database backend uses
(search/backends/wagtail_internals.py), are still where it looks for them.

An upgrade of Wagtail or modelsearch that moves one fails here, naming it, rather than as a
search that returns nothing or an AttributeError deep in a page view.
"""

import ast
import importlib
from pathlib import Path

from django.core.exceptions import FieldDoesNotExist
from django.db import connection

from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

import pytest
from modelsearch.query import PlainText

from core.models import Region
from search.backends import wagtail_internals
from search.backends.wagtail_internals import INTERNALS

SEARCH_APP = Path(__file__).resolve().parents[2] / "search"


def moved(internal, error):
    return (
        f"Wagtail's search internal `{internal}` is gone ({error.__class__.__name__}: {error}): "
        "a Wagtail or modelsearch upgrade moved or renamed it. The database backend relies on "
        "it through search/backends/wagtail_internals.py: find how the new version does the "
        "same and change that module (its docstring says why each is used)."
    )


# The internals of the database this run uses (those of the other one cannot be imported
# here); CI runs the suite on PostgreSQL and on SQLite, so both lists are checked.
USED_HERE = [
    (module, path) for module, path, vendor in INTERNALS if vendor in (None, connection.vendor)
]


@pytest.mark.parametrize(
    ("module_name", "path"), USED_HERE, ids=[f"{module}:{path}" for module, path in USED_HERE]
)
def test_each_wagtail_search_internal_is_still_there(module_name, path):
    internal = f"{module_name}.{path}"
    try:
        found = importlib.import_module(module_name)
        for name in path.split("."):
            found = getattr(found, name)
    except (ImportError, AttributeError, LookupError) as error:
        pytest.fail(moved(internal, error))


def test_wagtail_search_results_still_carry_their_query_compiler(db):
    try:
        compiler = wagtail_internals.text_search_compiler(
            get_search_backend(), PlainText("housing"), Region.objects.all()
        )
    except AttributeError as error:
        pytest.fail(moved("BaseSearchResults.query_compiler", error))
    for attribute in ("query", "fields"):
        if not hasattr(compiler, attribute):
            pytest.fail(moved(f"{type(compiler).__name__}.{attribute}", AttributeError(attribute)))


def test_index_entries_still_have_the_columns_the_backend_filters_on():
    # `index_entries__title=...` and friends in search/backends/database.py, and the trigram
    # indexes of migration search 0006 on these columns of this table.
    columns = ["title", "body"]
    if connection.vendor == "postgresql":
        columns += ["title_text", "body_text"]
    internals = [f"IndexEntry.{column}" for column in columns]
    for internal, column in zip(internals, columns, strict=True):
        try:
            IndexEntry._meta.get_field(column)
        except FieldDoesNotExist as error:
            pytest.fail(moved(internal, error))
    try:
        Region._meta.get_field("index_entries")
    except FieldDoesNotExist as error:
        pytest.fail(moved("the index_entries relation of indexed models", error))
    assert IndexEntry._meta.db_table == "wagtailsearch_indexentry", moved(
        "IndexEntry's table wagtailsearch_indexentry", LookupError(IndexEntry._meta.db_table)
    )


def test_only_the_fence_imports_wagtail_search_internals():
    modules = sorted({module for module, _path, _vendor in INTERNALS})
    offenders = []
    for source in sorted(SEARCH_APP.rglob("*.py")):
        if source.name == "wagtail_internals.py" or "migrations" in source.parts:
            continue
        tree = ast.parse(source.read_text(), filename=str(source))
        for node in ast.walk(tree):
            imported = []
            if isinstance(node, ast.ImportFrom) and node.module:
                imported = [node.module]
            elif isinstance(node, ast.Import):
                imported = [alias.name for alias in node.names]
            offenders += [
                f"{source.relative_to(SEARCH_APP.parent)}:{node.lineno} imports {name}"
                for name in imported
                if name in modules
            ]
            if isinstance(node, ast.Attribute) and node.attr == "_build_rank_expression":
                offenders.append(
                    f"{source.relative_to(SEARCH_APP.parent)}:{node.lineno} calls "
                    "_build_rank_expression"
                )
    assert not offenders, (
        "Wagtail's search internals are reached through search/backends/wagtail_internals.py "
        "only:\n" + "\n".join(offenders)
    )
