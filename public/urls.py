from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.decorators.http import require_safe

from meetings.page_cache import cached_public_page, scopes

from . import views
from .feeds import MeetingSummariesFeed
from .sitemaps import SITEMAPS

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path(
        "meetings/feed/",
        require_safe(cached_public_page(scopes("meetings"))(MeetingSummariesFeed())),
        name="summaries_feed",
    ),
    path("series/<slug:slug>/", views.series_detail, name="series_detail"),
    path("series/<slug:slug>/calendar.ics", views.series_ical, name="series_ical"),
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<slug:slug>/agenda/", views.meeting_agenda, name="meeting_agenda"),
    path("meetings/<slug:slug>/participants/", views.meeting_participants,
         name="meeting_participants"),
    path("meetings/<slug:slug>/calendar.ics", views.meeting_ical, name="meeting_ical"),
    path("members/", views.member_list, name="member_list"),
    path("members/<str:code>/", views.member_detail, name="member_detail"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path(
        "sitemap.xml",
        require_safe(cached_public_page(scopes("meetings", "plans"))(sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("plans/<slug:slug>/", views.action_plan_detail, name="action_plan_detail"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
