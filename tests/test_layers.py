"""The calculator and the build hooks read one way down: no module imports another that imports it
back, directly or through others, and no import hides inside a function to dodge such a circle
(issue 27). The hooks import each other by plain name (their folder is on sys.path)."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = {"calculator": ROOT / "calculator", "hooks": ROOT / "overrides" / "hooks"}


def _trees(folder: str) -> dict[str, ast.Module]:
    return {path.stem: ast.parse(path.read_text(encoding="utf-8")) for path in FOLDERS[folder].glob("*.py")}


def _imports(tree: ast.Module, ours: set[str]) -> set[str]:
    """The modules of `ours` that `tree` imports: `from .name import …` (the calculator) or
    `from name import …` / `import name` (the hooks)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
    return found & ours


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


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_no_module_imports_itself_back_through_others(folder):
    trees = _trees(folder)
    graph = {name: _imports(tree, set(trees)) for name, tree in trees.items()}
    assert _circle(graph) == []


def test_the_circle_finder_finds_a_circle():
    assert _circle({"answers": {"case_answer"}, "case_answer": {"explain", "answers"}, "explain": set()}) == [
        "answers", "case_answer", "answers"]


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_no_import_inside_a_function(folder):
    inside = [(name, function.name) for name, tree in _trees(folder).items() for function in ast.walk(tree)
              if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
              for node in ast.walk(function) if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert inside == []
