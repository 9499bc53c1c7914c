"""What a change of a document does to the cached public pages: the meeting's page and agenda
(documents by kind and by agenda item) and the feed (`asem_customs.page_versions`).
Connected in `DocumentsConfig.ready`."""

from asem_customs.page_versions import bump, bump_on_change


def document_changed(sender, instance, update_fields=None, **kwargs):
    # The feed (scope "meetings") lists public documents once published: only a change that
    # can add, alter or remove one of its entries rebuilds it.
    in_feed = instance.access == "public" or (
        update_fields is not None and {"access", "published_at"} & set(update_fields))
    bump(f"meeting:{instance.meeting_id}", "meetings" if in_feed else None)


def document_file_changed(sender, instance, **kwargs):
    meeting_id = getattr(getattr(instance, "document", None), "meeting_id", None)
    if meeting_id:
        bump(f"meeting:{meeting_id}")


def connect():
    bump_on_change(document_changed, "documents.Document")
    bump_on_change(document_file_changed, "documents.DocumentFile")
