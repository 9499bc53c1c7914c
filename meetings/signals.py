"""What a change of meetings data does to the cached public pages: it bumps the versions of the
pages that show it (`asem_customs.page_versions`). Connected in `MeetingsConfig.ready`."""

from django.db.models.signals import m2m_changed

from asem_customs.page_versions import bump, bump_everything, bump_on_change


def meeting_changed(sender, instance, **kwargs):
    bump("meetings", f"meeting:{instance.pk}", f"series:{instance.series_id}")


def reference_data_changed(sender, **kwargs):
    bump_everything()


def agenda_item_changed(sender, instance, **kwargs):
    bump(f"meeting:{instance.meeting_id}", "topics")


def agenda_item_relations_changed(sender, instance, action, reverse, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:  # topic.agenda_items.add(...): the topic side changed
        bump_everything()
    else:
        bump(f"meeting:{instance.meeting_id}", "topics")


def speaker_changed(sender, instance, **kwargs):
    from .models import AgendaItem

    meeting_id = (
        AgendaItem.objects.filter(pk=instance.agenda_item_id)
        .values_list("meeting_id", flat=True).first()
    )
    bump(f"meeting:{meeting_id}" if meeting_id else None)


def connect():
    from .models import AgendaItem

    bump_on_change(meeting_changed, "meetings.Meeting")
    for model in ("MeetingSeries", "Member", "Topic", "ReportingBody"):
        bump_on_change(reference_data_changed, f"meetings.{model}")
    bump_on_change(agenda_item_changed, "meetings.AgendaItem")
    bump_on_change(speaker_changed, "meetings.Speaker")
    for through in (AgendaItem.topics.through, AgendaItem.reporting_bodies.through):
        m2m_changed.connect(
            agenda_item_relations_changed, sender=through,
            dispatch_uid=f"public-cache:{through.__name__}",
        )
