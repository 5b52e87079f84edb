"""Each app's modules import one another without going round in a circle.

A cycle means two modules can only be understood (and moved) together, and it is usually held
by an import inside a function, which Python tolerates and a reader does not see: grimp counts
those too. The layers between apps are import-linter's contracts (pyproject.toml).
"""

from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["core", "accounts", "search", "directory", "forums", "home"]


def strongly_connected_components(modules, imported_by):
    """Groups of modules that each reach all the others (Tarjan's algorithm, iterative)."""
    index_of, lowlink, on_stack, stack, components = {}, {}, set(), [], []
    counter = 0
    for start in sorted(modules):
        if start in index_of:
            continue
        work = [(start, iter(sorted(imported_by(start))))]
        index_of[start] = lowlink[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            module, successors = work[-1]
            advanced = False
            for successor in successors:
                if successor not in index_of:
                    index_of[successor] = lowlink[successor] = counter
                    counter += 1
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(imported_by(successor)))))
                    advanced = True
                    break
                if successor in on_stack:
                    lowlink[module] = min(lowlink[module], index_of[successor])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                lowlink[parent] = min(lowlink[parent], lowlink[module])
            if lowlink[module] == index_of[module]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == module:
                        break
                components.append(sorted(component))
    return components


def describe_cycle(graph, component):
    """Every import between the modules of one cycle, with its line numbers."""
    members = set(component)
    lines = []
    for importer in component:
        for imported in sorted(graph.find_modules_directly_imported_by(importer) & members):
            details = graph.get_import_details(importer=importer, imported=imported)
            numbers = ", ".join(str(detail["line_number"]) for detail in details)
            lines.append(f"    {importer} -> {imported} (l.{numbers})")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def graphs(monkeypatch_module):
    monkeypatch_module.syspath_prepend(str(ROOT))
    return {app: grimp.build_graph(app, cache_dir=None) for app in APPS}


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.mark.parametrize("app", APPS)
def test_an_apps_modules_import_each_other_without_cycles(graphs, app):
    graph = graphs[app]

    def imported_by(module):
        return {
            imported
            for imported in graph.find_modules_directly_imported_by(module)
            if imported == app or imported.startswith(f"{app}.")
        }

    cycles = [
        component
        for component in strongly_connected_components(graph.modules, imported_by)
        if len(component) > 1
    ]

    assert not cycles, f"{app} has {len(cycles)} import cycle(s):\n" + "\n\n".join(
        f"  {', '.join(component)}\n{describe_cycle(graph, component)}" for component in cycles
    )


def test_cycles_are_found_through_function_level_imports():
    # The check is only worth having if it sees what Python lets through at import time.
    imports = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    components = strongly_connected_components(imports, lambda module: imports.get(module, ()))
    assert [component for component in components if len(component) > 1] == [["a", "b", "c"]]
