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


def can_name_head_of_delegation(user):
    """Whether this user may name (or grant a request to be) head of a delegation: the
    secretariat, or a focal point (for its own member only, which the services check). A
    person registering on the public form only asks."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_staff or hasattr(user, "focal_point"))
