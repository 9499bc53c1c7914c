"""Who may read a document: answered here and only here, for every page, download, list,
search and pack.

- `public`: anyone, once published.
- `participants`: once published, people holding a seat at *that* meeting, and the
  secretariat. Holding a seat means a **confirmed** registration: a delegate reaches the
  documents through their signed link (the token the delegates app keeps in the session, still
  valid: a cancelled or rejected registration raises its link version, which ends it), and a
  focal point of a member with at least one confirmed registration at the meeting. A pending
  registration holds a seat in the count but anyone can make one on the public form, so it
  does not open documents; nor do the waiting list, a cancellation, a rejection, an
  unconfirmed address or an expired one.
- the summary record while it is circulated for comments: the heads of delegation at the
  meeting (confirmed, through their signed link), whatever its access.
- `secretariat`: the secretariat only (viewers and editors, `roles.can_read_all_documents`).

The secretariat also reads documents not yet published, submissions and superseded versions.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from asem_customs import roles
from delegates import links
from delegates.enums import RegistrationStatus, Role
from delegates.models import Registration

from .enums import Access, DocumentKind, DocumentState, RecordState

SEAT_FOR_DOCUMENTS = RegistrationStatus.CONFIRMED


@dataclass
class Reader:
    """The person asking: a user (anonymous, focal point, secretariat) and the registration
    of the signed link kept in their session, if any."""

    user: object = None
    registration: Registration | None = None
    _seats: dict = field(default_factory=dict, repr=False)

    @property
    def is_secretariat(self):
        return roles.can_read_all_documents(self.user)

    @property
    def focal_member_id(self):
        member = roles.focal_member(self.user)
        return member.pk if member else None

    def holds_seat(self, meeting_id):
        """Whether this person holds a seat at the meeting (see the module's docstring)."""
        if meeting_id not in self._seats:
            self._seats[meeting_id] = self._holds_seat(meeting_id)
        return self._seats[meeting_id]

    def _holds_seat(self, meeting_id):
        registration = self.registration
        if (registration is not None and registration.meeting_id == meeting_id
                and registration.status == SEAT_FOR_DOCUMENTS):
            return True
        member_id = self.focal_member_id
        return bool(member_id) and Registration.objects.filter(
            meeting_id=meeting_id, member_id=member_id, status=SEAT_FOR_DOCUMENTS).exists()


def registration_of_session(request):
    """The registration of the signed link kept in this session, while the link is valid."""
    token = links.token_in_session(request) if hasattr(request, "session") else None
    if not token:
        return None
    try:
        registration_id, version = links.read_registration_token(token)
    except (links.LinkExpired, links.LinkInvalid):
        return None
    registration = Registration.objects.filter(pk=registration_id).only(
        "pk", "meeting_id", "member_id", "status", "role", "link_version").first()
    if registration is None or registration.link_version != version:
        return None
    return registration


def reader_for(request):
    if not hasattr(request, "_documents_reader"):
        user = getattr(request, "user", None)
        request._documents_reader = Reader(user=user, registration=registration_of_session(request))
    return request._documents_reader


def access_levels(reader, meeting_id):
    """The access values of published documents this person may read at the meeting."""
    if reader.is_secretariat:
        return tuple(Access.values)
    if reader.holds_seat(meeting_id):
        return (Access.PUBLIC, Access.PARTICIPANTS)
    return (Access.PUBLIC,)


def is_head_of_delegation_at(registration, meeting_id):
    """A confirmed head of delegation at the meeting: who comments on its draft record."""
    return (registration is not None and registration.meeting_id == meeting_id
            and registration.role == Role.HEAD_OF_DELEGATION
            and registration.status == RegistrationStatus.CONFIRMED)


def reads_circulated_record(reader, document):
    """A head of delegation at the meeting reads the summary record while it is circulated
    for comments, before it is published (`documents.record`)."""
    return (document.kind == DocumentKind.SUMMARY_RECORD
            and is_head_of_delegation_at(reader.registration, document.meeting_id)
            and document.__class__.objects.filter(
                pk=document.pk, record__state=RecordState.CIRCULATED).exists())


def can_read(reader, document):
    if reader.is_secretariat:
        return True
    if reads_circulated_record(reader, document):
        return True
    if document.published_at is None or document.state != DocumentState.ACCEPTED:
        return False
    return document.access in access_levels(reader, document.meeting_id)


def can_read_file(reader, document_file, document=None):
    """A current file of a readable document; a superseded one for the secretariat only."""
    document = document or document_file.document
    if not can_read(reader, document):
        return False
    return document_file.is_current or reader.is_secretariat


def readable(queryset, reader, meeting_id):
    """`queryset` of one meeting's documents narrowed to those this person may read."""
    if reader.is_secretariat:
        return queryset
    return queryset.filter(
        Q(access__in=access_levels(reader, meeting_id)),
        published_at__isnull=False, state=DocumentState.ACCEPTED,
    )


def readable_anywhere(queryset, reader):
    """`queryset` of documents of any meeting narrowed to those this person may read (search):
    public ones everywhere, participants' ones at the meetings where they hold a seat."""
    if reader.is_secretariat:
        return queryset
    seat_meetings = Q(pk__in=[])
    if reader.registration is not None and reader.registration.status == SEAT_FOR_DOCUMENTS:
        seat_meetings = Q(meeting_id=reader.registration.meeting_id)
    member_id = reader.focal_member_id
    if member_id:
        seat_meetings |= Q(meeting__registrations__member_id=member_id,
                           meeting__registrations__status=SEAT_FOR_DOCUMENTS)
    allowed = Q(access=Access.PUBLIC) | (Q(access=Access.PARTICIPANTS) & seat_meetings)
    return queryset.filter(allowed, published_at__isnull=False,
                           state=DocumentState.ACCEPTED).distinct()
