"""sitemap.xml: every public page a search engine should know (no demonstration meeting:
it exists only to try the product out)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from action_plans.models import ActionPlan
from meetings.models import MeetingSeries, Member, Topic

from . import selectors


class StaticPagesSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return ["public:home", "public:meeting_list", "public:member_list",
                "public:topic_list"]

    def location(self, item):
        return reverse(item)


class MeetingSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.9

    def items(self):
        return selectors.real_meetings().order_by("series_id", "number")

    def lastmod(self, meeting):
        return meeting.updated_at


class MeetingAgendaSitemap(MeetingSitemap):
    priority = 0.7

    def location(self, meeting):
        return reverse("public:meeting_agenda", kwargs={"slug": meeting.slug})


class SeriesSitemap(Sitemap):
    priority = 0.5

    def items(self):
        return MeetingSeries.objects.filter(is_demo=False).order_by("pk")


class ActionPlanSitemap(Sitemap):
    priority = 0.8

    def items(self):
        return ActionPlan.objects.filter(meeting__series__is_demo=False).order_by("pk")


class MemberSitemap(Sitemap):
    priority = 0.4

    def items(self):
        return Member.objects.order_by("pk")


class TopicSitemap(Sitemap):
    priority = 0.5

    def items(self):
        return Topic.objects.order_by("pk")


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "meetings": MeetingSitemap,
    "agendas": MeetingAgendaSitemap,
    "series": SeriesSitemap,
    "plans": ActionPlanSitemap,
    "members": MemberSitemap,
    "topics": TopicSitemap,
}
