"""Reads of accreditation: the questions a form asks, answers as people read them, and which
delegations still owe the secretariat their credentials."""

import datetime as dt

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_countries import countries

from asem_customs.page_versions import kept_under
from delegates.enums import ACTIVE_STATUSES
from delegates.models import Registration
from meetings.models import Member

from .enums import AUDIENCES_OF, CredentialsState, QuestionKind
from .models import Answer, Credentials, MeetingAccreditation, Question


def questions_for(meeting, *, audience):
    """The questions of `meeting` that `audience` is asked and may read, in order: a list
    kept in the cache until a question of the meeting changes (`signals`), since every
    registration form and page asks for it."""
    meeting_id = getattr(meeting, "pk", meeting)
    return kept_under(
        [questions_scope(meeting_id)], f"questions:{meeting_id}:{audience}",
        lambda: list(Question.objects.filter(meeting_id=meeting_id,
                                             visible_to__in=AUDIENCES_OF[audience])
                     .order_by("position", "id")))


def questions_scope(meeting_id):
    """The version (`asem_customs.page_versions`) of one meeting's questions."""
    return f"questions:{meeting_id}"


def answer_display(question, value):
    """A stored answer as a person reads it."""
    if not value:
        return ""
    if question.kind == QuestionKind.SEVERAL_CHOICES:
        return ", ".join(value.splitlines())
    if question.kind == QuestionKind.YES_NO:
        return _("Yes") if value == "yes" else _("No")
    if question.kind == QuestionKind.DATE:
        try:
            return date_format(dt.date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            return value
    if question.kind == QuestionKind.COUNTRY:
        return str(dict(countries).get(value, value))
    return value


def registration_answers(registration, *, audience):
    """[(question label, answer)] of the questions `audience` may read, answered or not."""
    questions = list(questions_for(registration.meeting_id, audience=audience))
    if not questions:
        return []
    answers = {answer.question_id: answer for answer in registration.answers.all()}
    rows = []
    for question in questions:
        answer = answers.get(question.pk)
        rows.append((question.label,
                     answer_display(question, answer.value) if answer else ""))
    return rows


def answers_by_registration(registration_ids, questions):
    """{registration id: {question id: answer as read}} for lists and exports (one query)."""
    by_question = {question.pk: question for question in questions}
    found = {}
    for registration_id, question_id, value in Answer.objects.filter(
            registration_id__in=registration_ids, question_id__in=list(by_question)
    ).values_list("registration_id", "question_id", "value"):
        found.setdefault(registration_id, {})[question_id] = answer_display(
            by_question[question_id], value)
    return found


def meeting_questions(meeting):
    """Every question of a meeting, in order (the staff's columns to choose from)."""
    return list(Question.objects.filter(meeting=meeting))


def chosen_questions(meeting, ids):
    """The meeting's questions among `ids` (as typed in an address: anything that is not
    the id of one of them is left out), in the meeting's order."""
    wanted = {int(value) for value in ids if str(value).isdigit()}
    if not wanted:
        return []
    return list(Question.objects.filter(meeting=meeting, pk__in=wanted))


def credentials_asked(meeting):
    accreditation = MeetingAccreditation.objects.filter(meeting=meeting).first()
    return bool(accreditation and accreditation.credentials_required)


def delegation_credentials(meeting, member):
    return Credentials.objects.filter(meeting=meeting, member=member).first()


def credentials_overview(meeting):
    """Every delegation with an active registration or credentials, with its credentials
    (or None), those without accepted credentials first."""
    credentials = {c.member_id: c for c in Credentials.objects.filter(meeting=meeting)}
    members = Member.objects.filter(
        Q(pk__in=Registration.objects.filter(meeting=meeting, status__in=ACTIVE_STATUSES)
          .values("member_id")) | Q(pk__in=list(credentials))).order_by("name")
    rows = [(member, credentials.get(member.pk)) for member in members]
    return sorted(rows, key=lambda row: (
        row[1] is not None and row[1].state == CredentialsState.ACCEPTED, row[0].name))


def delegations_missing_credentials(meeting):
    """The delegations of `credentials_overview` whose credentials are not accepted yet."""
    return [(member, credentials) for member, credentials in credentials_overview(meeting)
            if credentials is None or credentials.state != CredentialsState.ACCEPTED]
