"""What a change of a registration does to the cached public pages: attendance and
participation counts, and published names (`asem_customs.page_versions`). Connected in
`DelegatesConfig.ready`."""

from asem_customs.page_versions import bump, bump_on_change

from .enums import RegistrationStatus

# Fields of a registration that public pages show: attendance counts, participation counts and,
# where published, names. A save that touches none of them leaves the pages as they are, so a
# rush of new pending registrations never empties the cache.
PUBLIC_REGISTRATION_FIELDS = frozenset({
    "status", "meeting", "member", "publish_name", "given_name", "family_name",
    "family_name_first", "honorific", "position", "organisation",
})


def registration_changed(sender, instance, created=False, update_fields=None, **kwargs):
    if created and instance.status != RegistrationStatus.CONFIRMED:
        return
    if update_fields is not None and not (set(update_fields) & PUBLIC_REGISTRATION_FIELDS):
        return
    bump(f"meeting:{instance.meeting_id}", "members")


def connect():
    bump_on_change(registration_changed, "delegates.Registration")
