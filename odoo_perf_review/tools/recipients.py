# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Text written for a person is written in that person's language.

Messages, notifications and activities the system builds for someone are
rendered under ``with_context(lang=...)`` of their language, as Odoo's mail
templates do, not in the language of whoever happened to act (or of the
scheduler's user for a cron)."""


def recipient_lang(recipient):
    """The language ``recipient`` reads: a ``res.users`` or ``res.partner``
    (their language), or an ``hr.employee`` (their user's, else their work
    contact's). False when unknown or when ``recipient`` is empty."""
    if not recipient:
        return False
    recipient.ensure_one()
    if recipient._name == "hr.employee":
        return recipient.user_id.lang or recipient.work_contact_id.lang or False
    return recipient.lang or False


def in_lang_of(record, recipient):
    """``record`` in ``recipient``'s language: its ``env._``, selection labels
    and translated fields speak to them. Unchanged when the language is
    unknown."""
    lang = recipient_lang(recipient)
    if not lang or lang == record.env.lang:
        return record
    return record.with_context(lang=lang)


def partners_by_lang(partners):
    """{lang: partners} to send one text per language to several people."""
    return partners.grouped(lambda partner: partner.lang or False)
