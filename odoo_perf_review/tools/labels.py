# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).


def selection_label(record, field_name, value=None):
    """The translated label of a selection value (the record's own by default),
    for messages: module-level selection lists are not translated."""
    field = record._fields[field_name]
    value = record[field_name] if value is None else value
    return dict(field._description_selection(record.env)).get(value, value or "")
