"""Properties that must hold for every input: the boundary never raises, deadlines never go backwards."""
import json
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import handle_json
from calculator.deadlines import deadline
from calculator.law import law
from calculator.legal_holidays import is_working_day

FIELDS = ["kind", "date", "pages", "purpose", "form", "rule", "lang"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8)
plausible_values = st.one_of(
    json_values,
    st.sampled_from(["fee", "deadline", "access", "correction", "pfml-certification", "hipaa-access",
                     "hipaa-amendment", "own-copy", "ssa-appeal", "pfml", "paper", "electronic", "en", "es",
                     "2024-07-01", "2015-01-01", "2099-12-31", "9999-12-31", "0000-01-01", "2024-02-30", "45",
                     " 7 ", "-3", "1e3", "١٢", "100000", "100001"]),
    st.dates(min_value=date(1, 1, 1)).map(date.isoformat))
requests = st.dictionaries(st.sampled_from(FIELDS), plausible_values, max_size=7)
covered_dates = st.dates(min_value=law().covered_from, max_value=date(2060, 12, 31))


@settings(max_examples=600, deadline=None)
@given(requests)
def test_the_json_boundary_answers_every_request_object_without_raising(request):
    response = json.loads(handle_json(json.dumps(request)))
    assert ("error" in response) != ("kind" in response)
    if "error" in response:
        assert response["error"]["code"] != "internal" and response["error"]["message"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=50), json_values.map(json.dumps)))
def test_the_json_boundary_answers_any_text_without_raising(text):
    response = json.loads(handle_json(text))
    assert "error" in response or "kind" in response


@settings(max_examples=400, deadline=None)
@given(covered_dates, st.sampled_from(sorted(law().rules)))
def test_due_dates_are_never_before_receipt_and_land_on_working_days_where_the_rule_says(received, rule_id):
    rule = law().rules[rule_id]
    if received < rule.in_force_from:
        return
    result = deadline(rule_id, received)
    assert received < result.due
    assert result.due - received >= timedelta(days=rule.days)
    if rule.unit != "calendar":
        assert is_working_day(result.due)
    else:
        assert result.due == received + timedelta(days=rule.days)
    if result.extended_due:
        assert result.extended_due > result.due
        assert rule.unit == "calendar" or is_working_day(result.extended_due)


@settings(max_examples=300, deadline=None)
@given(covered_dates, st.integers(min_value=1, max_value=100_000))
def test_more_pages_never_cost_less(received, pages):
    def total(n):
        return json.loads(handle_json(json.dumps({"kind": "fee", "pages": n, "date": received.isoformat()})))[
            "total"]
    if pages < 100_000:
        assert float(total(pages)) < float(total(pages + 1))
