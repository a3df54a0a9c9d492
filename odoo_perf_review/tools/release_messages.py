# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Releasing many appraisals at once: one message each, made in batch.

Each released appraisal gets one message in its chatter that both records the
change (the state and release date, as tracking values) and tells the employee
that the results are available, in the employee's language. The messages,
their tracking values, the employee's inbox notification or email (as the
employee chose in their preferences) are created in a few batched creates
instead of one ``message_post()`` each, whose per-record notification work
(recipients query, layout rendering, mail per message) made a release of
10,000 appraisals take a minute and a half. The emails are rendered once per
language and company and queued for Odoo's mail queue.
"""

from markupsafe import Markup, escape

from odoo import fields
from odoo.tools.mail import generate_tracking_message_id

from .recipients import recipient_lang

RECORD_PLACEHOLDER = "__perf_release_record__"
URL_PLACEHOLDER = "__perf_release_url__"


def release_appraisals(records):
    """Move these appraisals to released and post their release messages
    in batch (the tracking of that write is in the messages)."""
    old_state = {appraisal.id: appraisal.state for appraisal in records}
    now = fields.Datetime.now()
    records.with_context(tracking_disable=True).write(
        {"state": "released", "released_date": now}
    )
    _post_release_messages(records, old_state, now)


def _release_body(env):
    return Markup("<p>%s</p>") % env._(
        "The results of your appraisal are available. Please read them, "
        "prepare your feedback interview and sign off."
    )


def _post_release_messages(records, old_state, released_date):
    if not records:
        return records.env["mail.message"]
    appraisals = records.sudo()
    Tracking = records.env["mail.tracking.value"].sudo()
    col_info = appraisals.fields_get(
        ["state", "released_date"],
        attributes=("string", "type", "selection", "currency_field"),
    )
    author_id, email_from = records.env["mail.thread"]._message_compute_author()
    reply_to = records.env["mail.thread"]._notify_get_reply_to(
        default=email_from, author_id=author_id
    )[False]
    subtype_id = records.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment")
    partner_of = {
        appraisal.id: appraisal.employee_id.user_id.partner_id
        for appraisal in appraisals
    }
    bodies = {}
    vals_list = []
    trackings = []
    for appraisal in appraisals:
        partner = partner_of[appraisal.id]
        lang = recipient_lang(partner) or records.env.lang
        if lang not in bodies:
            bodies[lang] = _release_body(
                records.with_context(lang=lang).env if lang else records.env
            )
        trackings.append(
            [
                Tracking._create_tracking_values(
                    old_state.get(appraisal.id),
                    "released",
                    "state",
                    col_info["state"],
                    appraisal,
                ),
                Tracking._create_tracking_values(
                    False,
                    released_date,
                    "released_date",
                    col_info["released_date"],
                    appraisal,
                ),
            ]
        )
        vals_list.append(
            {
                "model": appraisal._name,
                "res_id": appraisal.id,
                "body": bodies[lang],
                # A notification: the web client shows a message's tracking
                # values and its body together only for this type (a comment
                # with tracking values renders its body twice and fails).
                "message_type": "notification",
                "subtype_id": subtype_id,
                "is_internal": False,
                "author_id": author_id,
                "email_from": email_from,
                "reply_to": reply_to,
                "message_id": generate_tracking_message_id("message-notify"),
                "partner_ids": partner.ids,
            }
        )
    # mail.thread's batch helper: the caller's default_* keys dropped.
    messages = appraisals._message_create(vals_list)
    # The tracking values of all the messages in one create.
    Tracking.create(
        [
            dict(vals, mail_message_id=message.id)
            for message, values in zip(messages, trackings, strict=True)
            for vals in values
        ]
    )
    _notify_release_messages(records, appraisals, messages, partner_of, author_id)
    return messages


def _notify_release_messages(records, appraisals, messages, partner_of, author_id):
    """The employees' inbox notifications and emails, in batch."""
    inbox, email = [], []
    for appraisal, message in zip(appraisals, messages, strict=True):
        partner = partner_of[appraisal.id]
        if not partner:
            continue
        user = appraisal.employee_id.user_id
        if user.notification_type == "inbox":
            inbox.append((appraisal, message, partner))
        elif partner.email:
            email.append((appraisal, message, partner))
    Notification = records.env["mail.notification"].sudo()
    notifications = [
        {
            "author_id": author_id,
            "mail_message_id": message.id,
            "notification_status": "sent",
            "notification_type": "inbox",
            "res_partner_id": partner.id,
        }
        for _appraisal, message, partner in inbox
    ]
    if email:
        mails = _release_mails(records, email)
        notifications += [
            {
                "author_id": author_id,
                "mail_message_id": message.id,
                "mail_mail_id": mail.id,
                "notification_status": "ready",
                "notification_type": "email",
                "is_read": True,
                "res_partner_id": partner.id,
            }
            for (_appraisal, message, partner), mail in zip(email, mails, strict=True)
        ]
        records.env.ref("mail.ir_cron_mail_scheduler_action")._trigger()
    if notifications:
        Notification.create(notifications)


def _release_mails(records, to_email):
    """One queued mail per (appraisal, message, partner) of
    ``to_email``: the notification layout is rendered once per language
    and company, then the record's name and link are put in."""
    layouts = {}
    vals_list = []
    base_url = records.env["perf.appraisal"].sudo().get_base_url()
    for appraisal, message, partner in to_email:
        lang = recipient_lang(partner) or records.env.lang
        company = appraisal.company_id or records.env.company
        if (lang, company) not in layouts:
            layouts[lang, company] = _release_layout(records, message, lang, company)
        url = f"{base_url}/odoo/perf.appraisal/{appraisal.id}"
        name = appraisal.display_name.replace("/", "-")
        body = (
            layouts[lang, company]
            .replace(RECORD_PLACEHOLDER, str(escape(name)))
            .replace(URL_PLACEHOLDER, str(escape(url)))
        )
        vals_list.append(
            {
                "mail_message_id": message.id,
                "body_html": body,
                "subject": name,
                "recipient_ids": [(4, partner.id)],
                "auto_delete": True,
                "references": message.message_id,
            }
        )
    return records.env["mail.mail"].sudo().create(vals_list)


def _release_layout(records, message, lang, company):
    env = records.with_context(lang=lang).env if lang else records.env
    html = env["ir.qweb"]._render(
        "mail.mail_notification_light",
        {
            "lang": lang,
            "message": message.with_env(env).sudo(),
            "record_name": RECORD_PLACEHOLDER,
            "model_description": env["ir.model"]._get("perf.appraisal").display_name,
            "has_button_access": True,
            "button_access": {"url": URL_PLACEHOLDER},
            "company": company,
            "show_unfollow": False,
            "tracking_values": [],
            "email_add_signature": False,
        },
        minimal_qcontext=True,
        raise_if_not_found=False,
    )
    return str(html)
