"""Code stays in pieces a reader can hold: no module over 500 lines and no function over 60,
outside the benchmarks and migrations (tests included)."""

import ast
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60


def _python_files():
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return [
        path
        for path in listed
        if not path.startswith("bench/")
        and "/migrations/" not in f"/{path}"
        and (ROOT / path).exists()
    ]


def _oversized(path):
    source = (ROOT / path).read_text()
    problems = []
    lines = len(source.splitlines())
    if lines > MAX_MODULE_LINES:
        problems.append(f"{path}: {lines} lines (module)")
    for node in ast.walk(ast.parse(source, filename=path)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                problems.append(f"{path}:{node.lineno} {node.name}: {length} lines (function)")
    return problems


def test_no_module_over_500_lines_and_no_function_over_60():
    problems = [problem for path in _python_files() for problem in _oversized(path)]

    assert problems == [], "Too long:\n" + "\n".join(problems)
