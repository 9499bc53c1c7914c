"""Who may do what, answered in one place from model permissions.

Every view, admin, export and service asks these predicates instead of checking group names
or `is_staff` on its own.
"""

PASSPORT_PERMISSION = "delegates.see_passport_details"
# The secretariat: "Secretariat viewer" reads registrations, "Secretariat editor" changes them
# (and holds every other permission of the secretariat's apps).
VIEW_REGISTRATIONS = "delegates.view_registration"
CHANGE_REGISTRATIONS = "delegates.change_registration"
REVIEW_PROGRESS_REPORTS = "action_plans.change_progressreport"
CARRY_OVER_POINTS = "action_plans.change_actionpoint"


class _System:
    """The product acting on its own (the demo loader, a management command, a nightly task):
    no person, so no permission check and no one recorded. `None` as an actor always means
    the anonymous public."""

    is_authenticated = False
    is_active = False
    pk = None

    def __repr__(self):
        return "SYSTEM"


SYSTEM = _System()


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def is_secretariat(user):
    """A member of the secretariat: reads the staff workspace (viewers and editors)."""
    return bool(_active(user) and user.has_perm(VIEW_REGISTRATIONS))


def is_secretariat_editor(user):
    """A member of the secretariat who changes registrations: registers late, acts for any
    delegation, confirms, imports."""
    return bool(_active(user) and user.has_perm(CHANGE_REGISTRATIONS))


def can_review_progress_reports(user):
    """Reviews members' progress reports on action points and files on any open point."""
    return bool(_active(user) and user.has_perm(REVIEW_PROGRESS_REPORTS))


def can_carry_over_points(user):
    return bool(_active(user) and user.has_perm(CARRY_OVER_POINTS))


def focal_member(user):
    """The member a signed-in user is a focal point of, or None."""
    if not _active(user):
        return None
    focal_point = getattr(user, "focal_point", None)
    return focal_point.member if focal_point else None


def focal_member_or_refuse(user):
    """The member whose focal point `user` is; PermissionDenied for anyone else (the focal
    points' own pages)."""
    from django.core.exceptions import PermissionDenied

    member = focal_member(user)
    if member is None:
        raise PermissionDenied
    return member


def can_see_passport_details(user):
    """Whether passport details (number, nationality, dates, date of birth) may be shown back
    in full to this user: secretariat editors holding the dedicated permission, nobody else."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm(PASSPORT_PERMISSION)
    )


OUTBOX_PERMISSION = "mail.manage_outbox"


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

JOB_PERMISSIONS = {
    # What a job's result shows decides who may follow it: badges and lists are for every
    # secretariat viewer, an import's outcome for the editors who import, visa letters
    # (passport details) for holders of the passport permission, the implementation report
    # for those who review action-plan progress (meetings.permissions.REVIEW_PERMISSION).
    "badges": "delegates.view_registration",
    "certificates": "delegates.view_registration",
    "participants": "delegates.view_registration",
    "import": "delegates.change_registration",
    "visa_letters": PASSPORT_PERMISSION,
    "implementation": "action_plans.change_progressreport",
}
ALL_JOBS_PERMISSION = "secretariat.view_job"


def can_use_jobs(user):
    """Whether this user may reach the job pages at all: someone who may start some kind
    of job. Which job they may follow is `can_see_job`."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return any(user.has_perm(permission) for permission in set(JOB_PERMISSIONS.values()))


def can_see_job(user, job):
    """Whether `user` may follow a background job and download its result: the person who
    started it, or someone granted "Can view background job" (superusers), and in either
    case only while they still hold the permission the job's kind needs."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    needed = JOB_PERMISSIONS.get(job.kind)
    if needed is None or not user.has_perm(needed):
        return False
    return job.created_by_id == user.pk or user.has_perm(ALL_JOBS_PERMISSION)


def can_name_head_of_delegation(user):
    """Whether this user may name (or grant a request to be) head of a delegation: the
    secretariat, or a focal point (for its own member only, which the services check). A
    person registering on the public form only asks."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(is_secretariat_editor(user) or hasattr(user, "focal_point"))

def requires_second_factor(user):
    """Whether this user finishes signing in with a second factor (an authenticator app or a
    recovery code) before the admin and the secretariat's pages: everyone who may see
    passport details. Focal points and secretariat viewers sign in with a password alone."""
    return can_see_passport_details(user)

MANAGE_DOCUMENTS = "documents.change_document"


def can_read_all_documents(user):
    """Reads every document of every meeting, at any access level, with its superseded
    versions and focal points' submissions: the secretariat (viewers and editors)."""
    return is_secretariat(user)


def can_manage_documents(user):
    """Adds documents, uploads versions and languages, changes access, publishes, accepts or
    returns focal points' submissions: secretariat editors."""
    return bool(_active(user) and user.has_perm(MANAGE_DOCUMENTS))

MAIL_TEMPLATES_PERMISSION = "mail.change_mailtemplate"


def can_edit_mail_templates(user):
    """Changes the wording of the mails the product sends (per meeting or for all)."""
    return bool(_active(user) and user.has_perm(MAIL_TEMPLATES_PERMISSION))


CIRCULARS_PERMISSION = "communications.add_circular"


def can_send_circulars(user):
    """Writes and sends circulars of a meeting to a set of recipients."""
    return bool(_active(user) and user.has_perm(CIRCULARS_PERMISSION))

REVIEW_CREDENTIALS = "accreditation.change_credentials"


def can_review_credentials(user):
    """Accepts or returns a delegation's credentials (letter of nomination, Note Verbale):
    secretariat editors."""
    return bool(_active(user) and user.has_perm(REVIEW_CREDENTIALS))

def can_see_photos(user):
    """Sees the photos of any meeting's delegates, to compare faces at check-in and in the
    admin: the staff who check people in (secretariat editors). Viewers do not. A focal point
    sees its own delegation's photos only (`can_see_photo`)."""
    return is_secretariat_editor(user)


def can_see_photo(user, registration):
    """Sees (and changes) this registration's photo: the check-in staff, or the focal point
    of the registration's member. The person themselves reaches it by their signed link."""
    if can_see_photos(user):
        return True
    member = focal_member(user)
    return member is not None and member.pk == registration.member_id
