"""Print the layout numbers issue 17 asks for, from the package's own source.

Usage: ``python scripts/measure_layout.py [--list]`` (``--list`` names what each number counts).

- top-level modules: ``ossmatch/*.py`` other than ``__init__``/``__main__``;
- modules over 300 lines, functions over 50 lines (a function's span, decorators included);
- import circles: strongly connected groups of modules in the graph of top-level imports
  (imports under ``if TYPE_CHECKING:`` are ignored: they never run);
- in-function imports: ``import`` statements inside a function body;
- unexplained tuning numbers: module or class level ``NAME = <number>`` (or a tuple of numbers) with
  neither a comment on its line or just above it nor a ``#:`` / docstring note, and numeric defaults
  of ``Field``/dataclass attributes likewise. 0, 1 and -1 are not tuning numbers.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ossmatch"
LONG_MODULE = 300
LONG_FUNCTION = 50
TRIVIAL = {0, 1, -1}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def sources() -> dict[str, tuple[Path, str, ast.Module]]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        found[module_name(path)] = (path, text, ast.parse(text))
    return found


def _resolve(current: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = current.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(name: str, path: Path, tree: ast.Module, known: set[str], *, inner: bool = False) -> set[str]:
    """Modules of the package this module imports when it is loaded (``inner``: or when any of its
    functions runs)."""
    targets: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.If) and _type_checking(node):
                continue
            if isinstance(node, (ast.If, ast.Try, ast.With, ast.For, ast.While)):
                visit(node.body)
                visit(getattr(node, "orelse", []))
                for handler in getattr(node, "handlers", []):
                    visit(handler.body)
            elif inner and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                visit(node.body)
            elif isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(name, path.name == "__init__.py", node)
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    targets.add(full if full in known else base)

    visit(tree.body)
    resolved = set()
    for target in targets:
        while target and target not in known:
            target = target.rpartition(".")[0]
        if target and target != name:
            resolved.add(target)
    return resolved


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one member."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]
    sys.setrecursionlimit(10000)

    def strong(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                strong(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            strong(node)
    return found


def in_function_imports(tree: ast.Module) -> list[tuple[int, str]]:
    found = []
    for func in ast.walk(tree):
        if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(func):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    names = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                    found.append((node.lineno, f"{func.name}: {names}"))
    return sorted(set(found))


def _numbers(node: ast.expr | None) -> list[float]:
    if node is None:
        return []
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return [-value for value in _numbers(node.operand)]
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return [node.value]
    if isinstance(node, ast.BinOp):
        return _numbers(node.left) + _numbers(node.right)
    if isinstance(node, (ast.Tuple, ast.List)):
        return [value for element in node.elts for value in _numbers(element)]
    if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in {
        "Field",
        "field",
        "timedelta",
        "frozenset",
    }:
        values = [value for arg in node.args for value in _numbers(arg)]
        for keyword in node.keywords:
            if keyword.arg in {"default", "days", "hours", "seconds", "minutes"}:
                values += _numbers(keyword.value)
        return values
    return []


def _explained(lines: list[str], statement: ast.stmt, following: ast.stmt | None) -> bool:
    first = statement.lineno - 1
    last = (statement.end_lineno or statement.lineno) - 1
    if any("#" in lines[row] for row in range(first, last + 1)):
        return True
    above = lines[first - 1].strip() if first > 0 else ""
    if above.startswith("#"):
        return True
    return (
        isinstance(following, ast.Expr)
        and isinstance(following.value, ast.Constant)
        and isinstance(following.value.value, str)
    )


def unexplained_numbers(text: str, tree: ast.Module) -> list[tuple[int, str]]:
    lines = text.splitlines()
    found = []

    def scan(body: list[ast.stmt]) -> None:
        for position, statement in enumerate(body):
            following = body[position + 1] if position + 1 < len(body) else None
            if isinstance(statement, ast.ClassDef):
                scan(statement.body)
                continue
            if isinstance(statement, ast.Assign):
                target, value = statement.targets[0], statement.value
            elif isinstance(statement, ast.AnnAssign):
                target, value = statement.target, statement.value
            else:
                continue
            if ast.unparse(target) == "exit_code":  # a process status, not a tuning number
                continue
            numbers = [number for number in _numbers(value) if number not in TRIVIAL]
            if numbers and not _explained(lines, statement, following):
                found.append((statement.lineno, ast.unparse(target)))

    scan(tree.body)
    return found


def long_functions(tree: ast.Module) -> list[tuple[int, str, int]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            start = min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)])
            span = (node.end_lineno or node.lineno) - start + 1
            if span > LONG_FUNCTION:
                found.append((node.lineno, node.name, span))
    return found


def main() -> None:
    show = "--list" in sys.argv
    modules = sources()
    known = set(modules)
    graph = {name: imports_of(name, path, tree, known) for name, (path, _, tree) in modules.items()}
    whole = {name: imports_of(name, path, tree, known, inner=True) for name, (path, _, tree) in modules.items()}
    top = [
        name
        for name, (path, _, _) in modules.items()
        if path.parent == PACKAGE and path.stem not in {"__init__", "__main__"}
    ]
    long_modules = [
        (name, text.count("\n")) for name, (_, text, _) in modules.items() if text.count("\n") > LONG_MODULE
    ]
    functions = [(name, *entry) for name, (_, _, tree) in modules.items() for entry in long_functions(tree)]
    loops = circles(graph)
    held_apart = [loop for loop in circles(whole) if loop not in loops]
    inner = [(name, *entry) for name, (_, _, tree) in modules.items() for entry in in_function_imports(tree)]
    numbers = [(name, *entry) for name, (_, text, tree) in modules.items() for entry in unexplained_numbers(text, tree)]

    rows = [
        ("top-level modules", top),
        ("modules over 300 lines", [f"{name} ({lines})" for name, lines in long_modules]),
        ("functions over 50 lines", [f"{name}:{line} {func} ({span})" for name, line, func, span in functions]),
        ("import circles", [" <-> ".join(loop) for loop in loops]),
        ("circles held apart by in-function imports", [" <-> ".join(loop) for loop in held_apart]),
        ("in-function imports", [f"{name}:{line} {what}" for name, line, what in inner]),
        (
            "in-function imports outside cli/",
            [f"{name}:{line} {what}" for name, line, what in inner if not name.startswith("ossmatch.cli")],
        ),
        ("unexplained tuning numbers", [f"{name}:{line} {what}" for name, line, what in numbers]),
    ]
    for title, items in rows:
        print(f"{title}: {len(items)}")
        if show:
            for item in items:
                print(f"    {item}")


if __name__ == "__main__":
    main()
