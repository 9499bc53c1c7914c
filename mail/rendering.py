"""Which wording a mail gets, and the mail made of it: the meeting's own template, else the
secretariat's template for all meetings, else the default files (`templates/mail/`); the
text is rendered on the sandbox (`mail.sandbox`) and signed, the HTML part is the same text
in the site's branding (`templates/mail/layout.html`).

Languages: a mail is written in its recipient's language (`mail.outbox.queue_mail`), and
the wording is looked up in that language only: the meeting's template in it, else the one
for all meetings in it, else the default files, whose words are translated (they are
Django templates with {% translate %}). An English rewording is never sent to a French
reader: it would take away the language they chose, while the default in French still says
everything a mail must say. The staff pages show which languages of a kind are reworded."""

import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils.html import escape, urlize
from django.utils.safestring import mark_safe

from asem_customs.page_versions import bump, kept_under

from .kinds import default_source, get_kind
from .models import MailTemplate
from .sandbox import MailTemplateError, render_source

logger = logging.getLogger(__name__)
DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


@dataclass(frozen=True)
class Wording:
    subject: str
    body: str
    # The override it comes from (None: the default files).
    template: MailTemplate | None = None


def default_wording(kind):
    subject, body = default_source(kind)
    return Wording(subject, body)


def default_wording_to_write_from(kind):
    """The default wording's words in the active language, its placeholders left as they
    are (`{{ name }}`): the text the secretariat starts a circular from. Only for defaults
    without conditions (a placeholder's value here is never empty)."""
    placeholders = _placeholders(kind)
    kept = {name: "{{ " + name + " }}" for name in placeholders}
    subject, body = default_source(kind)
    return Wording(render_source(subject, placeholders=placeholders, values=kept).strip(),
                   render_source(body, placeholders=placeholders, values=kept))


REWORDINGS_SCOPE = "mail-templates"


def reworded():
    """{(kind, meeting id or None, language)} of every wording the secretariat keeps, kept
    in the cache until a template changes (`rewording_changed`): most mails have none, and
    each registration sends one."""
    return kept_under([REWORDINGS_SCOPE], "mail-templates", lambda: frozenset(
        MailTemplate.objects.values_list("kind", "meeting_id", "language")))


def rewording_changed(sender, **kwargs):
    bump(REWORDINGS_SCOPE)


def wording_for(kind, *, meeting_id=None, language=DEFAULT_LANGUAGE):
    """The wording a mail of `kind` for the meeting gets in `language`: its own, all
    meetings', default."""
    scope = Q(meeting__isnull=True)
    candidates = {(kind, None, language)}
    if meeting_id is not None and get_kind(kind) is not None and get_kind(kind).per_meeting:
        scope |= Q(meeting_id=meeting_id)
        candidates.add((kind, meeting_id, language))
    if candidates.isdisjoint(reworded()):
        return default_wording(kind)
    # One query: the meeting's own wording first, then all meetings'.
    found = (MailTemplate.objects.filter(scope, kind=kind, language=language)
             .order_by(F("meeting_id").asc(nulls_last=True)).first())
    if found is not None:
        return Wording(found.subject, found.body, found)
    return default_wording(kind)


def render_wording(kind, wording, values):
    """(subject, text) of `wording` with the placeholders' `values`; MailTemplateError when
    the wording cannot be rendered."""
    placeholders = _placeholders(kind)
    values = {"site_url": settings.SITE_URL, **values}
    subject = render_source(wording.subject, placeholders=placeholders, values=values)
    body = render_source(wording.body, placeholders=placeholders, values=values)
    return one_line(subject)[:250], body.rstrip() + "\n" + signature()


def one_line(subject):
    """A subject on one line. Only line breaks, tabs and spaces are folded: the no-break
    spaces French puts before a colon stay where the translation put them."""
    return re.sub(r"[ \t\r\n\f\v]+", " ", subject).strip()


def render_mail(kind, *, values, meeting_id=None, language=DEFAULT_LANGUAGE, wordings=None):
    """(subject, text) of a mail of `kind`. An override that cannot be rendered (it was
    checked when saved, so only after a change of the product) falls back to the default:
    a mail is never lost because of its wording. `wordings` caches lookups for a batch."""
    key = (kind, meeting_id, language)
    if wordings is not None and key in wordings:
        wording = wordings[key]
    else:
        wording = wording_for(kind, meeting_id=meeting_id, language=language)
        if wordings is not None:
            wordings[key] = wording
    try:
        return render_wording(kind, wording, values)
    except MailTemplateError:
        if wording.template is None:
            raise
        logger.warning("Mail template %s cannot be rendered; the default is used",
                       wording.template.pk, exc_info=True)
        return render_wording(kind, default_wording(kind), values)


def _placeholders(kind):
    registered = get_kind(kind)
    if registered is None:
        raise MailTemplateError(f"Unknown kind of mail: {kind}")
    return registered.all_placeholders


def signature():
    return render_to_string("mail/_signature.txt", {"SITE_URL": settings.SITE_URL}).lstrip("\n")


# What Django's `urlize` makes a link of starts with a scheme or "www.", holds an "@" or ends
# in one of the seven original top-level domains: a paragraph with none of these comes out of
# it unchanged, and skips it (most paragraphs of a mail; `urlize` was a tenth of a mail's cost).
MAY_HOLD_A_LINK = re.compile(r"://|@|www\.|\.(?:com|edu|gov|int|mil|net|org)", re.IGNORECASE)


def _paragraph_html(part):
    html = escape(part)
    if MAY_HOLD_A_LINK.search(html):
        html = urlize(html, nofollow=True)
    return mark_safe(html.replace("\n", "<br>"))  # noqa: S308 - escaped above


def html_of(subject, text):
    """The HTML part of a mail: its text, escaped, with paragraphs and links, in the site's
    branding (inline styles: mail programs ignore style sheets)."""
    paragraphs = [part.strip("\n") for part in text.replace("\r\n", "\n").split("\n\n")]
    html = [_paragraph_html(part) for part in paragraphs if part.strip()]
    return render_to_string("mail/layout.html", {"subject": subject, "paragraphs": html,
                                                 "SITE_URL": settings.SITE_URL})
