# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).


def client_notification(title, message, kind="success", sticky=False, reload=True):
    """The client action that shows ``message`` (plain text, escaped by the
    client) in a notification, then reloads the view so that it shows the
    records as the bulk action left them."""
    params = {
        "title": title,
        "message": message,
        "type": kind,
        "sticky": sticky,
    }
    if reload:
        params["next"] = {"type": "ir.actions.client", "tag": "soft_reload"}
    return {
        "type": "ir.actions.client",
        "tag": "display_notification",
        "params": params,
    }
