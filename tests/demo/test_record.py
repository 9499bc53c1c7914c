from documents.enums import Access, Adoption, RecordState
from documents.models import MeetingRecord


def test_demo_twelfth_meeting_record_is_adopted_and_published_with_decisions(client, demo):
    from demo.record import load_record

    twelfth = demo["twelfth"]
    load_record(twelfth)
    load_record(twelfth)  # idempotent

    meeting_record = MeetingRecord.objects.get(meeting=twelfth)
    assert (meeting_record.state, meeting_record.adoption) == (
        RecordState.PUBLISHED, Adoption.BY_MEETING)
    assert (meeting_record.document.access, meeting_record.document.illustrative) == (
        Access.PUBLIC, True)
    assert meeting_record.decisions.count() == twelfth.agenda_items.exclude(outcome="").count()
    page = client.get(f"/meetings/{twelfth.slug}/record/")
    assert page.status_code == 200
    assert b"Action Plan 2018-2019 of eight action points" in page.content
