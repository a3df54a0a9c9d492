"""Who may write which field of a record, in which state.

A model declares a table of :class:`WriteRule`: a role (``"owner"``,
``"manager"``, ``"handler"``…), the states in which the rule holds and the
fields it opens. Everything not opened by a rule is refused: a field is
writable by a user only when one of the user's roles on the record opens it in
the record's current state. Fields owned by the workflow (states, scores,
stamps…) are never opened by a rule: only the workflow's own transitions
change them.
"""

from dataclasses import dataclass

# ``fields`` of a rule that opens every field the workflow does not own.
ALL_FIELDS = "__all__"


@dataclass(frozen=True)
class WriteRule:
    role: str
    fields: frozenset
    states: frozenset = frozenset()  # empty: in every state

    def applies(self, roles, state):
        return self.role in roles and (not self.states or state in self.states)


def rule(role, fields, states=()):
    """A rule opening ``fields`` (an iterable, or :data:`ALL_FIELDS`) to
    ``role`` in ``states`` (all states when empty)."""
    if fields == ALL_FIELDS:
        return WriteRule(role, frozenset({ALL_FIELDS}), frozenset(states))
    return WriteRule(role, frozenset(fields), frozenset(states))


def refused_fields(rules, roles, state, names, workflow_fields=frozenset()):
    """The names of ``names`` that a user with ``roles`` may not write on a
    record in ``state``, sorted.

    A field owned by the workflow is always refused; any other is allowed when
    a rule of one of the roles opens it (or opens all fields) in that state.
    """
    names = set(names)
    owned = names & set(workflow_fields)
    opened = set()
    for write_rule in rules:
        if write_rule.applies(roles, state):
            if ALL_FIELDS in write_rule.fields:
                opened |= names - owned
            else:
                opened |= write_rule.fields
    return sorted(owned | (names - opened))


def check_table(rules, workflow_fields):
    """Rule tables must never open a workflow field: the problems, as
    ``(role, field)`` pairs, sorted."""
    return sorted(
        (write_rule.role, name)
        for write_rule in rules
        for name in write_rule.fields & set(workflow_fields)
    )
