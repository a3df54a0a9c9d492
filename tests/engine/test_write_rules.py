"""Write rules: a field is writable only when a rule of the user's roles opens
it in the record's state, and never when the workflow owns it."""

from engine.write_rules import ALL_FIELDS, check_table, refused_fields, rule
from hypothesis import given
from hypothesis import strategies as st

RULES = (
    rule("reviewer", {"comment", "strengths"}, states={"requested"}),
    rule("officer", ALL_FIELDS, states={"draft", "requested"}),
    rule("manager", {"strengths"}),
)
WORKFLOW = {"state", "score"}

names = st.sets(st.sampled_from(["comment", "strengths", "state", "score", "other"]))
roles = st.sets(st.sampled_from(["reviewer", "officer", "manager", "employee"]))
states = st.sampled_from(["draft", "requested", "submitted"])


def test_examples():
    assert refused_fields(RULES, {"reviewer"}, "requested", {"comment"}) == []
    assert refused_fields(RULES, {"reviewer"}, "submitted", {"comment"}) == ["comment"]
    assert refused_fields(RULES, {"manager"}, "submitted", {"strengths"}) == []
    assert refused_fields(RULES, set(), "requested", {"comment"}) == ["comment"]
    assert refused_fields(
        RULES, {"officer"}, "draft", {"other", "state"}, WORKFLOW
    ) == ["state"]


@given(names, roles, states)
def test_workflow_fields_are_always_refused(wanted, user_roles, state):
    refused = refused_fields(RULES, user_roles, state, wanted, WORKFLOW)
    assert set(refused) >= wanted & WORKFLOW
    assert set(refused) <= wanted


@given(names, roles, states)
def test_no_role_no_write(wanted, user_roles, state):
    assert set(refused_fields(RULES, set(), state, wanted)) == wanted


@given(names, roles, roles, states)
def test_more_roles_never_refuse_more(wanted, some, more, state):
    fewer = set(refused_fields(RULES, some, state, wanted, WORKFLOW))
    assert set(refused_fields(RULES, some | more, state, wanted, WORKFLOW)) <= fewer


def test_a_table_opening_a_workflow_field_is_reported():
    assert check_table(RULES, WORKFLOW) == []
    bad = (*RULES, rule("manager", {"score"}))
    assert check_table(bad, WORKFLOW) == [("manager", "score")]
