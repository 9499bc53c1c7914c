"""The credentials pages: the focal point's (its own delegation's letter, upload and state)
and the secretariat's (every delegation of a meeting, accept or return), and the files behind
them. Thin: permission, scoped lookup, form, service, message, redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import signed_in_with
from asem_customs import roles
from meetings.models import Meeting
from meetings.selectors import public_meetings

from . import selectors, services
from .enums import CredentialsState
from .forms import CredentialsForm, ReturnForm
from .models import Answer, Credentials

reader_required = signed_in_with(roles.is_secretariat, message=gettext_lazy(
    "Your account may not see the secretariat's pages: ask the secretariat for access."))
reviewer_required = signed_in_with(roles.can_review_credentials, message=gettext_lazy(
    "Your account may read the credentials but not accept or return them (that is for "
    "secretariat editors)."))


@login_required
@require_http_methods(["GET", "POST"])
def focal_credentials(request, slug):
    member = roles.focal_member_or_refuse(request.user)
    meeting = get_object_or_404(public_meetings(), slug=slug)
    credentials = selectors.delegation_credentials(meeting, member)
    form = CredentialsForm()
    if request.method == "POST":
        form = CredentialsForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.credentials_upload(meeting=meeting, member=member,
                                            file=form.cleaned_data["file"], actor=request.user)
            except services.AccreditationError as error:
                form.add_error("file", error.message)
            else:
                messages.success(request, _("The credentials were sent to the secretariat."))
                return redirect("accreditation:focal_credentials", slug=meeting.slug)
    return render(request, "accreditation/focal_credentials.html", {
        "meeting": meeting, "member": member, "credentials": credentials, "form": form,
        "required": selectors.credentials_asked(meeting),
        "may_upload": credentials is None or credentials.state != CredentialsState.ACCEPTED,
    })


@reader_required
@require_GET
def staff_credentials(request, slug):
    meeting = get_object_or_404(Meeting.objects.select_related("series"), slug=slug)
    return render(request, "accreditation/staff_credentials.html", {
        "meeting": meeting, "rows": selectors.credentials_overview(meeting),
        "required": selectors.credentials_asked(meeting),
        "can_review": roles.can_review_credentials(request.user),
        "return_form": ReturnForm(), "submitted": CredentialsState.SUBMITTED,
        "can_see_passport_details": roles.can_see_passport_details(request.user),
    })


def _file_response(field, name, content_type):
    response = FileResponse(field.open("rb"), as_attachment=True, filename=name,
                            content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@login_required
@require_GET
def credentials_file(request, pk):
    """The letter itself: for the secretariat, and for the delegation's own focal point
    (another member's is a 404, its existence not revealed)."""
    credentials = get_object_or_404(Credentials, pk=pk)
    member = roles.focal_member(request.user)
    if not roles.is_secretariat(request.user):
        if member is None:
            raise PermissionDenied
        if member.pk != credentials.member_id:
            raise Http404
    return _file_response(credentials.file, credentials.name, credentials.content_type)


def _act(request, pk, action, success):
    credentials = get_object_or_404(Credentials.objects.select_related("meeting", "member"),
                                    pk=pk)
    try:
        done = action(credentials)
    except services.AccreditationError as error:
        messages.error(request, error.message)
    else:
        if done is not None:
            messages.success(request, success % {"member": credentials.member.name})
    return redirect("accreditation:staff_credentials", slug=credentials.meeting.slug)


@reviewer_required
@require_POST
def credentials_accept(request, pk):
    return _act(request, pk, lambda credentials: services.credentials_accept(
        credentials=credentials, actor=request.user),
        _("The credentials of %(member)s are accepted."))


@reviewer_required
@require_POST
def credentials_return(request, pk):
    form = ReturnForm(request.POST)

    def action(credentials):
        if not form.is_valid():
            messages.error(request, _("Say why the credentials are returned."))
            return None
        return services.credentials_return(credentials=credentials, actor=request.user,
                                           reason=form.cleaned_data["reason"])

    return _act(request, pk, action, _("The credentials of %(member)s were returned."))


@never_cache
@reader_required
@require_GET
def answer_file(request, pk):
    """A file given in answer to a question: for the secretariat only."""
    answer = get_object_or_404(Answer.objects.exclude(file=""), pk=pk)
    return _file_response(answer.file, answer.value, answer.content_type)
