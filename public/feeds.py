"""The Atom feed of meeting summaries."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from meetings.templatetags.meeting_tags import meeting_place_and_time

from . import selectors

FEED_SIZE = 20


class MeetingSummariesFeed(Feed):
    feed_type = Atom1Feed
    title = _("ASEM Customs Meetings: meeting summaries")
    subtitle = _("What each ASEM Customs Directors-General and Commissioners Meeting did.")
    link = reverse_lazy("public:meeting_list")
    author_name = _("ASEM Customs Secretariat")

    def items(self):
        return selectors.published_summaries()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{meeting_place_and_time(item)}\n\n{item.summary}"

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.series.short_name]
