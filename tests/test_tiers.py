"""The fast tier leaves the modules marked e2e as a whole unimported (conftest's
pytest_ignore_collect): the line it looks for must be the module's own mark."""

from __future__ import annotations

import ast
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest

from tests.conftest import marked_e2e_whole, pytest_ignore_collect

TESTS = Path(__file__).parent
MODULES = sorted(TESTS.rglob("test_*.py"))


def _module_mark(path: Path) -> str | None:
    """The dotted value of a top-level `pytestmark = ...`, as the module declares it."""
    source = path.read_text(encoding="utf-8")
    if "pytestmark" not in source:
        return None
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "pytestmark"
            for target in node.targets
        ):
            return ast.unparse(node.value)
    return None


def _config(markexpr: str) -> pytest.Config:
    return cast(Any, SimpleNamespace(option=SimpleNamespace(markexpr=markexpr)))


def test_the_line_found_is_each_modules_top_level_e2e_mark() -> None:
    whole = [path for path in MODULES if marked_e2e_whole(path)]
    assert TESTS / "test_demo.py" in whole and TESTS / "test_validate.py" not in whole
    for path in MODULES:
        declared = _module_mark(path) == "pytest.mark.e2e"
        assert marked_e2e_whole(path) == declared, path


@pytest.mark.parametrize("markexpr", ["not e2e", "not  e2e "])
def test_the_fast_tier_skips_only_whole_e2e_modules(markexpr: str) -> None:
    e2e = TESTS / "test_demo.py"
    fast = TESTS / "test_validate.py"
    assert pytest_ignore_collect(e2e, _config(markexpr)) is True
    assert pytest_ignore_collect(fast, _config(markexpr)) is None
    assert pytest_ignore_collect(TESTS / "conftest.py", _config(markexpr)) is None


@pytest.mark.parametrize("markexpr", ["", "e2e", "not e2e and not slow"])
def test_every_other_selection_collects_every_module(markexpr: str) -> None:
    assert pytest_ignore_collect(TESTS / "test_demo.py", _config(markexpr)) is None
