from django.shortcuts import get_object_or_404, render

from . import selectors
from .enums import AgendaItemKind
from .models import MeetingSeries, Member, Topic

OPENING_KINDS = (AgendaItemKind.OPENING, AgendaItemKind.BRIEFING)


def home(request):
    upcoming = list(selectors.upcoming_meetings()[:3])
    return render(
        request,
        "meetings/home.html",
        {
            "next_meeting": upcoming[0] if upcoming else None,
            "upcoming_meetings": upcoming[1:],
            "recent_meetings": selectors.past_meetings()[:5],
        },
    )


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


def series_detail(request, slug):
    series = get_object_or_404(MeetingSeries, slug=slug)
    meetings = selectors.public_meetings().filter(series=series).order_by("-number")
    return render(
        request, "meetings/series_detail.html", {"series": series, "meetings": meetings}
    )


def meeting_detail(request, slug):
    meeting = selectors.meeting_with_details(slug)
    agenda_items = list(selectors.agenda_items_for(meeting))
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "attendance": selectors.meeting_attendance(meeting),
            "agenda_items": agenda_items,
            "opening_items": [i for i in agenda_items if i.kind in OPENING_KINDS],
            "report_items": [i for i in agenda_items if i.kind == AgendaItemKind.REPORT],
            "topics": selectors.topics_deliberated(agenda_items),
            "action_plans": selectors.action_plans_adopted_at(meeting),
            "next_meeting": selectors.next_meeting_in_series(meeting),
            "previous_meeting": selectors.previous_meeting_in_series(meeting),
            "registration_open": meeting.registration_is_open(),
        },
    )


def meeting_agenda(request, slug):
    meeting = selectors.meeting_with_details(slug)
    return render(
        request,
        "meetings/meeting_agenda.html",
        {"meeting": meeting, "agenda_items": selectors.agenda_items_for(meeting)},
    )


def member_list(request):
    return render(
        request,
        "meetings/member_list.html",
        {"members": selectors.members_with_participation()},
    )


def member_detail(request, code):
    member = get_object_or_404(Member, code__iexact=code)
    return render(
        request,
        "meetings/member_detail.html",
        {"member": member, "participation": selectors.member_participation(member)},
    )


def topic_list(request):
    return render(
        request, "meetings/topic_list.html", {"topics": selectors.topics_with_counts()}
    )


def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    return render(
        request,
        "meetings/topic_detail.html",
        {"topic": topic, "agenda_items": selectors.topic_agenda_items(topic)},
    )
