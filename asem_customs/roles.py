"""Who may do what, answered in one place from model permissions.

Every view, admin, export and service asks these predicates instead of checking group names
or `is_staff` on its own.
"""

PASSPORT_PERMISSION = "delegates.see_passport_details"


def can_see_passport_details(user):
    """Whether passport details (number, nationality, dates, date of birth) may be shown back
    in full to this user: secretariat editors holding the dedicated permission, nobody else."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm(PASSPORT_PERMISSION)
    )


OUTBOX_PERMISSION = "delegates.manage_outbox"


def can_manage_outbox(user):
    """Whether this user may read the outbox (who was mailed what, and why a mail failed):
    the people who run the mail, holding the dedicated permission, and superusers."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm(OUTBOX_PERMISSION)
    )
