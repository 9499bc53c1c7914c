"""The public site: what the meetings did, built from the data the secretariat enters.

Every page here is public, shows no personal data but the names that the published list of
participants allows, and is served from the cache to anonymous visitors (see cache.py).
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from action_plans import selectors as plan_selectors
from action_plans.page_cache import plan_page_scopes
from action_plans.tracker import build_timeline
from documents import selectors as document_selectors
from meetings.enums import AgendaItemKind
from meetings.models import MeetingSeries, Member, Topic
from meetings.page_cache import cached_public_page, meeting_page_scopes, scopes

from . import selectors
from .calendar import meeting_calendar, series_calendar

OPENING_KINDS = (AgendaItemKind.OPENING, AgendaItemKind.BRIEFING)


@require_safe
@cached_public_page(scopes("meetings"))
def home(request):
    upcoming = list(selectors.upcoming_meetings()[:4])
    next_meeting = upcoming[0] if upcoming else None
    return render(
        request,
        "meetings/home.html",
        {
            "next_meeting": next_meeting,
            "registration_open": bool(next_meeting and next_meeting.registration_is_open()),
            "upcoming_meetings": upcoming[1:],
            "recent_meetings": selectors.past_meetings()[:6],
        },
    )


@require_safe
@cached_public_page(scopes("meetings"))
def meeting_list(request):
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "series_list": MeetingSeries.objects.order_by("is_demo", "name"),
            "upcoming_meetings": selectors.upcoming_meetings(),
            "past_meetings": selectors.past_meetings(),
        },
    )


@require_safe
@cached_public_page(scopes("meetings"))
def series_detail(request, slug):
    series = get_object_or_404(MeetingSeries, slug=slug)
    meetings = selectors.public_meetings().filter(series=series)
    return render(
        request,
        "meetings/series_detail.html",
        {
            "series": series,
            "upcoming_meetings": selectors.upcoming_meetings().filter(series=series),
            "past_meetings": selectors.past_meetings().filter(series=series),
            "has_meetings": meetings.exists(),
        },
    )


@require_safe
@cached_public_page(scopes("meetings"))
def series_ical(request, slug):
    """Every meeting of a series as one calendar to subscribe to."""
    series = get_object_or_404(MeetingSeries, slug=slug)
    meetings = selectors.public_meetings().filter(series=series).order_by("year", "number")
    content = series_calendar(
        series, meetings,
        url_for=lambda meeting: request.build_absolute_uri(meeting.get_absolute_url()))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{series.slug}.ics"'
    return response


@require_safe
@cached_public_page(meeting_page_scopes)
def meeting_detail(request, slug):
    meeting = selectors.meeting_with_details(slug)
    agenda_items = list(selectors.agenda_items_for(meeting))
    documents = document_selectors.public_documents(meeting)
    previous_meeting, next_meeting = selectors.meetings_around(meeting)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "document_groups": document_selectors.by_kind(documents),
            "attendance": selectors.meeting_attendance(meeting),
            "agenda_items": agenda_items,
            "opening_items": [i for i in agenda_items if i.kind in OPENING_KINDS],
            "report_items": [i for i in agenda_items if i.kind == AgendaItemKind.REPORT],
            "topics": selectors.topics_deliberated(agenda_items),
            "action_plans": selectors.action_plans_adopted_at(meeting),
            "next_meeting": next_meeting,
            "previous_meeting": previous_meeting,
            "registration_open": meeting.registration_is_open(),
            "decisions": _decisions(meeting, agenda_items),
        },
    )


def _decisions(meeting, agenda_items):
    """(agenda item, its decisions and conclusions) once the record is published."""
    texts = document_selectors.published_decisions(meeting)
    return [(item, texts[item.pk]) for item in agenda_items if item.pk in texts]


@require_safe
@cached_public_page(meeting_page_scopes)
def meeting_participants(request, slug):
    """The published list of participants, a page at a time (the meeting page gives their
    number and links here)."""
    meeting = selectors.meeting_with_details(slug)
    listed = selectors.published_participants_page(meeting, request.GET.get("page"))
    return render(request, "meetings/meeting_participants.html", {
        "meeting": meeting, "page": listed.page, "columns": listed.columns,
        "page_numbers": listed.numbers,
        "attendance": selectors.meeting_attendance(meeting),
    })


@require_safe
@cached_public_page(meeting_page_scopes)
def meeting_agenda(request, slug):
    meeting = selectors.meeting_with_details(slug)
    agenda_items = list(selectors.agenda_items_for(meeting))
    by_item = document_selectors.by_agenda_item(document_selectors.public_documents(meeting))
    for item in agenda_items:
        item.public_documents = by_item.get(item.pk, [])
    return render(
        request,
        "meetings/meeting_agenda.html",
        {
            "meeting": meeting,
            "agenda_items": agenda_items,
            "agenda_days": selectors.agenda_by_day(meeting, agenda_items),
        },
    )


@require_safe
@cached_public_page(meeting_page_scopes)
def meeting_ical(request, slug):
    meeting = selectors.meeting_with_details(slug)
    if not meeting.dates_known:
        raise Http404("The dates of this meeting are not known yet.")
    content = meeting_calendar(
        meeting,
        selectors.agenda_items_for(meeting),
        meeting_url=request.build_absolute_uri(meeting.get_absolute_url()),
        agenda_url=request.build_absolute_uri(
            reverse("public:meeting_agenda", kwargs={"slug": meeting.slug})
        ),
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{meeting.slug}.ics"'
    return response


@require_safe
@cached_public_page(scopes("meetings", "members"))
def member_list(request):
    return render(
        request,
        "meetings/member_list.html",
        {"members": selectors.members_with_participation()},
    )


@require_safe
@cached_public_page(scopes("meetings", "members"))
def member_detail(request, code):
    member = get_object_or_404(Member, code__iexact=code)
    return render(
        request,
        "meetings/member_detail.html",
        {
            "member": member,
            "participation": selectors.member_participation(member),
            "hosted": selectors.real_meetings().filter(host_member=member),
        },
    )


@require_safe
@cached_public_page(scopes("meetings", "topics"))
def topic_list(request):
    return render(
        request, "meetings/topic_list.html", {"topics": selectors.topics_with_counts()}
    )


@require_safe
@cached_public_page(scopes("meetings", "topics"))
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    return render(
        request,
        "meetings/topic_detail.html",
        {"topic": topic, "agenda_items": selectors.topic_agenda_items(topic)},
    )


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("public:sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /accounts/", f"Sitemap: {sitemap}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cached_public_page(plan_page_scopes)
def action_plan_detail(request, slug):
    plan = plan_selectors.plan_with_progress(slug)
    points = list(plan.points.all())
    return render(
        request,
        "meetings/action_plan_detail.html",
        {"plan": plan, "points": points, "timeline": build_timeline(plan, points),
         "timeline_compact": build_timeline(plan, points, compact=True)},
    )
