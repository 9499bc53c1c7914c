"""A focal point's documents of a meeting: its member's submissions (country reports,
presentations) with their state, the upload form, and new versions of a returned one.
Every document is looked up within the focal point's member: another member's is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from asem_customs import roles
from meetings.selectors import public_meetings

from . import access, selectors, services
from .enums import DocumentState
from .forms import SubmissionForm, VersionForm
from .models import Document


@login_required
@require_http_methods(["GET", "POST"])
def meeting_documents(request, slug):
    member = roles.focal_member_or_refuse(request.user)
    meeting = get_object_or_404(public_meetings(), slug=slug)
    form = SubmissionForm()
    if request.method == "POST":
        form = SubmissionForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                document = services.document_submit(
                    meeting=meeting, member=member, title=data["title"], kind=data["kind"],
                    language=data["language"], file=data["file"], actor=request.user)
            except services.DocumentError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _(
                    "%(title)s was sent to the secretariat; it is shown once accepted.")
                    % {"title": document.title})
                return redirect("documents:focal_documents", slug=meeting.slug)
    reader = access.reader_for(request)
    return render(request, "documents/focal/meeting_documents.html", {
        "meeting": meeting, "member": member, "form": form,
        "submissions": selectors.member_documents(member, meeting),
        "documents": selectors.meeting_documents(meeting, reader),
        "holds_seat": reader.holds_seat(meeting.pk), "version_form": VersionForm(),
        "returned": DocumentState.RETURNED,
    })


@login_required
@require_POST
def add_version(request, public_id):
    member = roles.focal_member_or_refuse(request.user)
    document = get_object_or_404(Document.objects.select_related("meeting"),
                                 public_id=public_id, member=member)
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.document_add_version(document=document, file=data["file"],
                                          language=data["language"], note=data["note"],
                                          actor=request.user)
        except services.DocumentError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The new file was sent to the secretariat."))
    else:
        messages.error(request, _("Choose a file to upload."))
    return redirect("documents:focal_documents", slug=document.meeting.slug)
