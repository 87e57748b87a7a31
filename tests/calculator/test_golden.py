"""Golden cases, worked by hand from the legal facts, run through the JSON boundary in CPython."""
import json

import pytest

from calculator import handle_json

from .golden import CASES, mismatches


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_golden_case(case):
    answer = json.loads(handle_json(json.dumps(case["request"])))
    assert mismatches(case, answer) == []
