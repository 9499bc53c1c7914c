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


def requires_second_factor(user):
    """Whether this user finishes signing in with a second factor (an authenticator app or a
    recovery code) before the admin and the secretariat's pages: everyone who may see
    passport details. Focal points and secretariat viewers sign in with a password alone."""
    return can_see_passport_details(user)
