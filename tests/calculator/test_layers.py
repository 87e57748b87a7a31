"""The calculator reads one way down: no module imports another that imports it back, directly or
through others, and no import hides inside a function to dodge such a circle (issue 27)."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "calculator"


def _trees() -> dict[str, ast.Module]:
    return {path.stem: ast.parse(path.read_text(encoding="utf-8")) for path in PACKAGE.glob("*.py")}


def _imports(tree: ast.Module) -> set[str]:
    """The package's own modules that `tree` imports (from .name import …)."""
    return {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module}


def _circle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle of `graph`, as the modules around it, or [] when there is none."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(name: str) -> list[str]:
        state[name] = "open"
        path.append(name)
        for imported in sorted(graph.get(name, ())):
            if state.get(imported) == "open":
                return path[path.index(imported):] + [imported]
            if imported not in state and (found := visit(imported)):
                return found
        state[name] = "done"
        path.pop()
        return []

    for name in sorted(graph):
        if name not in state and (found := visit(name)):
            return found
    return []


def test_no_module_of_the_calculator_imports_itself_back_through_others():
    graph = {name: _imports(tree) for name, tree in _trees().items()}
    assert _circle(graph) == []


def test_the_circle_finder_finds_a_circle():
    assert _circle({"answers": {"case_answer"}, "case_answer": {"explain", "answers"}, "explain": set()}) == [
        "answers", "case_answer", "answers"]


def test_no_import_inside_a_function():
    inside = [(name, function.name) for name, tree in _trees().items() for function in ast.walk(tree)
              if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
              for node in ast.walk(function) if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert inside == []
