"""The kinds of mail the product sends, each with the placeholders its template may use.

An app that sends a kind of mail registers it here (from its `AppConfig.ready`) with a label,
its placeholders (name -> what it holds, shown to the secretariat beside the editor) and,
for the preview, a function that gives the placeholders of a real example for a meeting.
The default template of a kind is a pair of files, `templates/mail/<kind>.txt` and
`templates/mail/<kind>_subject.txt`, written with the same placeholders.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# Every kind has these (the address of the site; the personal link when the kind has one).
COMMON_PLACEHOLDERS = {"site_url": _("The address of the site.")}
LINK_PLACEHOLDER_HELP = _("The person's own link (made when the mail leaves; never stored).")


@dataclass(frozen=True)
class MailKind:
    name: str
    label: str
    placeholders: dict
    # Whether a meeting may have its own wording (a focal point's invitation is for no
    # meeting: only the wording of all meetings can change).
    per_meeting: bool = True
    # (meeting, pk=None) -> (description, placeholders) of a real example, or None.
    example: object = None
    group: str = field(default="", compare=False)

    @property
    def all_placeholders(self):
        return {**self.placeholders, **COMMON_PLACEHOLDERS}


_KINDS = {}


def register_kind(name, *, label, placeholders, per_meeting=True, example=None, group=""):
    _KINDS[name] = MailKind(name=name, label=label, placeholders=dict(placeholders),
                            per_meeting=per_meeting, example=example, group=group)


def get_kind(name):
    """The registered kind, or None."""
    return _KINDS.get(name)


def all_kinds(*, per_meeting=None):
    kinds = sorted(_KINDS.values(), key=lambda kind: (kind.group, str(kind.label)))
    if per_meeting is None:
        return kinds
    return [kind for kind in kinds if kind.per_meeting == per_meeting]


def default_source(name):
    """(subject, body) of the kind's default template files."""
    folder = settings.BASE_DIR / "templates" / "mail"
    subject = (folder / f"{name}_subject.txt").read_text(encoding="utf-8")
    body = (folder / f"{name}.txt").read_text(encoding="utf-8")
    return subject.strip(), body
