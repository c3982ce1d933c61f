"""The baseline file: the shape `--write-baseline` writes and the HTML review downloads, read back."""

from __future__ import annotations

import json

import pytest

from langcheck.baseline import BaselineError, Decision, baseline_text, parse_baseline, parse_decisions

FP1, FP2 = "a" * 32, "b" * 32


def test_a_plain_baseline_has_no_decisions() -> None:
    text = baseline_text([FP2, FP1, FP1])
    assert json.loads(text) == {"schema": "langcheck-baseline/1", "fingerprints": [FP1, FP2]}
    assert parse_baseline(text, "b.json") == {FP1, FP2}
    assert parse_decisions(text, "b.json") == {}


def test_decisions_round_trip_and_only_fingerprints_decide_what_is_hidden() -> None:
    decisions = {FP1: Decision("false-positive", "«1 200» is the same number", "LC201", "fr", "fr says 1 300"),
                 FP2: Decision("accepted")}
    text = baseline_text([FP1], decisions)
    assert parse_baseline(text, "b.json") == {FP1}
    assert parse_decisions(text, "b.json") == decisions
    assert "«1 200»" in text  # comments stay readable in the file


def test_a_decision_with_unknown_fields_is_read_for_what_it_has() -> None:
    text = json.dumps({"schema": "langcheck-baseline/1", "fingerprints": [FP1],
                       "decisions": {FP1: {"state": "accepted", "reviewer": "anna"}}})
    assert parse_decisions(text, "b.json") == {FP1: Decision("accepted")}


@pytest.mark.parametrize(("decisions", "problem"), [
    ([], "decisions must be an object"),
    ({FP1: "accepted"}, "state must be one of accepted, false-positive"),
    ({FP1: {"state": "open"}}, "state must be one of accepted, false-positive"),
    ({FP1: {"state": "accepted", "comment": 3}}, "fields must be strings"),
])
def test_a_malformed_decision_is_one_line_naming_the_file(decisions: object, problem: str) -> None:
    text = json.dumps({"schema": "langcheck-baseline/1", "fingerprints": [FP1], "decisions": decisions})
    with pytest.raises(BaselineError) as error:
        parse_baseline(text, "review.json")
    message = str(error.value)
    assert message.startswith("review.json:1: not a langcheck baseline") and problem in message
    assert "\n" not in message
