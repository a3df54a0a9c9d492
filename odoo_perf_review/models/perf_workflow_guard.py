# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import SUPERUSER_ID, api, models
from odoo.exceptions import AccessError, MissingError
from odoo.fields import Command
from odoo.tools import clean_context

from ..engine import write_rules
from ..tools.labels import selection_label


class _WorkflowMarker(str):
    """The context value that marks the workflow's own writes.

    Checked by identity: a context sent over JSON-RPC holds plain strings, never
    this object, so no client can pretend to be the workflow.
    """

    __slots__ = ()


WORKFLOW = _WorkflowMarker("perf_workflow")
# Models whose records a user reads through another model with the same ids.
PUBLIC_MODELS = {"hr.employee": "hr.employee.public"}


class PerfWorkflowGuard(models.AbstractModel):
    """One mechanism, shared by every Performance model, that says who may
    write which field in which state (as Odoo's ``hr.leave.write`` and OCA's
    ``base_tier_validation`` do for their models).

    A model declares:

    - ``_perf_workflow_fields``: what only workflow transitions change (states,
      scores, ratings, stamps, links to the record reviewed…). Transitions
      write through :meth:`_workflow`; any other write of these fields, even
      under ``sudo()``, is refused.
    - ``_perf_write_rules``: a table of :func:`~..engine.write_rules.rule`, the
      fields each role may write in which state. Deny by default: a user
      writes a field only when a rule of one of their roles opens it.
    - ``_perf_create_fields``: the fields a user may give when creating a
      record (None: any field the workflow does not own).
    - :meth:`_perf_roles`: the roles of the current user on each record.

    Every Many2one or Many2many a user writes must point to records that user
    can read: a link to anything else is refused as if it did not exist.
    """

    _name = "perf.workflow.guard"
    _description = "Performance write guard"

    _perf_workflow_fields = frozenset()
    _perf_write_rules = ()
    _perf_create_fields = None
    _perf_state_field = "state"

    # ------------------------------------------------------------------
    # What a model declares
    # ------------------------------------------------------------------
    def _perf_roles(self):
        """{record id: set of role names} of the current user on ``self``."""
        return {}

    def _perf_state(self):
        """The state the write rules of this record depend on."""
        self.ensure_one()
        return self.sudo()[self._perf_state_field]

    def _perf_write_hint(self):
        """One sentence telling the user how the record does change."""
        return self.env._("Use the buttons of the form: they change it.")

    # ------------------------------------------------------------------
    # The workflow
    # ------------------------------------------------------------------
    def _workflow(self):
        """``self`` as the workflow sees it: superuser rights, the caller's
        ``default_*`` values dropped (they are the caller's, not the
        workflow's), and the marker that lets workflow fields be written."""
        return self.sudo().with_context(
            clean_context(self.env.context), perf_workflow=WORKFLOW
        )

    def _perf_in_workflow(self):
        # The superuser itself (data loading, scheduled actions) is the system.
        return (
            self.env.context.get("perf_workflow") is WORKFLOW
            or self.env.uid == SUPERUSER_ID
        )

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._perf_check_create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._perf_check_write(vals)
        return super().write(vals)

    def _perf_field_labels(self, names):
        return ", ".join(
            f"“{self._fields[name]._description_string(self.env)}”"
            if name in self._fields
            else name
            for name in sorted(names)
        )

    def _perf_check_create(self, vals_list):
        if self._perf_in_workflow():
            return
        defaults = {
            key[len("default_") :]
            for key in self.env.context
            if key.startswith("default_") and key[len("default_") :] in self._fields
        }
        allowed = self._perf_create_fields
        for vals in vals_list:
            names = set(vals) | defaults
            if allowed is None:
                refused = names & self._perf_workflow_fields
            else:
                refused = names - allowed
            refused -= self._perf_drop_defaults(vals, refused - defaults)
            if refused:
                raise AccessError(
                    self.env._(
                        "You cannot set %(fields)s when creating a %(model)s: "
                        "the workflow sets them. %(hint)s",
                        fields=self._perf_field_labels(refused),
                        model=self._description,
                        hint=self._perf_write_hint(),
                    )
                )
            if not self.env.su:
                self._perf_check_links(vals)

    def _perf_drop_defaults(self, vals, names):
        """Drop from ``vals`` the given fields whose value is only the field's
        own default: a form sends every default with a new record, and that is
        not the user setting them. The caller's ``default_*`` keys do not
        count as defaults here. Returns the names dropped."""
        if not names:
            return set()
        clean = self.with_context(clean_context(self.env.context))
        own = clean.default_get(list(names))
        dropped = set()
        for name in names:
            value, default = vals[name], own.get(name)
            if value == default or (not value and not default):
                del vals[name]
                dropped.add(name)
        return dropped

    def _perf_check_write(self, vals):
        if self._perf_in_workflow() or not self:
            return
        if not self.env.su and self._filtered_access("read") != self:
            # Odoo's own answer for a record the user cannot even read: the
            # refusals below name the record, this one must not.
            self.check_access("write")
            self.check_access("read")
        names = set(vals)
        owned = names & self._perf_workflow_fields
        if owned:
            raise AccessError(
                self.env._(
                    "%(fields)s of “%(record)s” change only through the workflow, "
                    "never by editing. %(hint)s",
                    fields=self._perf_field_labels(owned),
                    record=self[:1].display_name,
                    hint=self[:1]._perf_write_hint(),
                )
            )
        if self.env.su:
            # Trusted code (mail internals, attachments): not the user's values.
            return
        roles = self._perf_roles()
        for record in self:
            state = record._perf_state()
            refused = write_rules.refused_fields(
                self._perf_write_rules, roles.get(record.id, ()), state, names
            )
            if refused:
                state_label = (
                    selection_label(record.sudo(), self._perf_state_field, state)
                    if self._perf_state_field in self._fields
                    and self._fields[self._perf_state_field].type == "selection"
                    else state
                )
                raise AccessError(
                    self.env._(
                        "You cannot change %(fields)s of “%(record)s” while it is "
                        "%(state)s. %(hint)s",
                        fields=self._perf_field_labels(refused),
                        record=record.sudo().display_name,
                        state=str(state_label or "").lower(),
                        hint=record._perf_write_hint(),
                    )
                )
        self._perf_check_links(vals)

    def _perf_check_links(self, vals):
        """Refuse a link to a record the user cannot read, with the message of
        a record that does not exist: the answer must not tell them apart."""
        for name, value in vals.items():
            field = self._fields.get(name)
            if not field or not value:
                continue
            if field.type == "many2one":
                ids = {value}
            elif field.type == "many2many":
                ids = _linked_ids(value)
            else:
                continue
            # Colleagues are read through their public profile.
            comodel = PUBLIC_MODELS.get(field.comodel_name, field.comodel_name)
            targets = self.env[comodel].browse(ids)
            readable = (
                targets.exists()._filtered_access("read")
                if targets.browse().has_access("read")
                else targets.browse()
            )
            if len(readable) != len(targets):
                raise MissingError(
                    self.env._(
                        "The record chosen for %(field)s does not exist or has been "
                        "deleted.",
                        field=self._perf_field_labels({name}),
                    )
                )


def _linked_ids(value):
    """The ids a Many2many write links: plain ids or LINK/SET commands."""
    ids = set()
    for command in value:
        if isinstance(command, int):
            ids.add(command)
        elif isinstance(command, (list, tuple)) and command:
            if command[0] == Command.LINK:
                ids.add(command[1])
            elif command[0] == Command.SET:
                ids.update(command[2] or ())
    return ids
