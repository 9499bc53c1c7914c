"""The Atom feed of meeting summaries and of public documents once published."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from documents.models import Document
from documents.selectors import newly_published
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
        return [*selectors.published_summaries()[:FEED_SIZE], *newly_published(FEED_SIZE)]

    def item_title(self, item):
        if isinstance(item, Document):
            return f"{item.symbol}: {item.title}"
        return item.title

    def item_description(self, item):
        if isinstance(item, Document):
            return f"{item.get_kind_display()}, {item.meeting.title}"
        return f"{meeting_place_and_time(item)}\n\n{item.summary}"

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at if isinstance(item, Document) else item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        if isinstance(item, Document):
            return [item.meeting.series.short_name, str(_("Documents"))]
        return [item.series.short_name]
