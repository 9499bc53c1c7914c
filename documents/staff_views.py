"""The secretariat's documents pages (under /staff/documents/): a meeting's documents with
the upload form, and one document's page to add versions and languages, change who may read
it, publish or withdraw it, and accept or return a focal point's submission."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import signed_in_with
from asem_customs import roles
from meetings.models import Meeting

from . import generators, selectors, services
from .forms import AccessForm, DocumentForm, ReturnForm, TitlesForm, VersionForm
from .models import Document

reader_required = signed_in_with(roles.can_read_all_documents, message=gettext_lazy(
    "Your account may not see the secretariat's pages: ask the secretariat for access."))
manager_required = signed_in_with(roles.can_manage_documents, message=gettext_lazy(
    "Your account may read the documents but not change them (that is for secretariat "
    "editors)."))


def _show_error(request, form, error):
    for message in error.messages:
        if form is not None:
            form.add_error(None, message)
        else:
            messages.error(request, message)


@reader_required
@require_http_methods(["GET", "POST"])
def meeting_documents(request, slug):
    meeting = get_object_or_404(Meeting.objects.select_related("series"), slug=slug)
    can_manage = roles.can_manage_documents(request.user)
    proposed = services.propose_symbol(meeting)
    form = DocumentForm(meeting=meeting, proposed_symbol=proposed)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(_("Your account may read the documents but not change "
                                     "them (that is for secretariat editors)."))
        form = DocumentForm(request.POST, request.FILES, meeting=meeting,
                            proposed_symbol=proposed)
        if form.is_valid():
            data = form.cleaned_data
            try:
                document = services.document_add(
                    meeting=meeting, title=data["title"], kind=data["kind"],
                    access=data["access"], language=data["language"], symbol=data["symbol"],
                    agenda_item=data["agenda_item"], file=data["file"],
                    publish=data["publish"], other_titles=form.other_titles(),
                    actor=request.user)
            except services.DocumentError as error:
                _show_error(request, form, error)
            else:
                messages.success(request, _("%(symbol)s was added.")
                                 % {"symbol": document.symbol})
                return redirect("staff_documents:document", public_id=document.public_id)
    return render(request, "documents/staff/meeting_documents.html", {
        "meeting": meeting, "documents": selectors.staff_documents(meeting), "form": form,
        "can_manage": can_manage, "proposed_symbol": proposed,
        "generators": generators.generators(),
    })


@manager_required
@require_POST
def generate(request, slug, key):
    meeting = get_object_or_404(Meeting.objects.select_related("series"), slug=slug)
    try:
        document = services.document_generate(meeting=meeting, key=key, actor=request.user)
    except services.DocumentError as error:
        _show_error(request, None, error)
        return redirect("staff_documents:meeting_documents", slug=meeting.slug)
    messages.success(request, _("%(symbol)s was generated from the data.")
                     % {"symbol": document.symbol})
    return redirect("staff_documents:document", public_id=document.public_id)


def _document(public_id):
    return get_object_or_404(
        Document.objects.select_related("meeting", "meeting__series", "agenda_item", "member"),
        public_id=public_id)


@reader_required
@require_http_methods(["GET"])
def document(request, public_id):
    document = _document(public_id)
    return render(request, "documents/staff/document.html", {
        "document": document, "meeting": document.meeting,
        "files": list(document.files.select_related("uploaded_by")),
        "log": list(document.log_entries.select_related("actor")),
        "can_manage": roles.can_manage_documents(request.user),
        "version_form": VersionForm(), "titles_form": TitlesForm(document=document),
        "access_form": AccessForm(
            initial={"access": document.access}), "return_form": ReturnForm(),
    })


def _act(request, public_id, action, success):
    document = _document(public_id)
    try:
        action(document)
    except services.DocumentError as error:
        _show_error(request, None, error)
    else:
        messages.success(request, success % {"symbol": document.symbol})
    return redirect("staff_documents:document", public_id=document.public_id)


@manager_required
@require_POST
def add_version(request, public_id):
    form = VersionForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("staff_documents:document", public_id=public_id)
    data = form.cleaned_data
    return _act(request, public_id, lambda d: services.document_add_version(
        document=d, file=data["file"], language=data["language"], note=data["note"],
        actor=request.user), _("A new file of %(symbol)s was stored."))


@manager_required
@require_POST
def change_titles(request, public_id):
    """The document's title in English and in the site's other languages."""
    form = TitlesForm(request.POST, document=_document(public_id))
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("staff_documents:document", public_id=public_id)
    return _act(request, public_id, lambda d: services.document_change(
        document=d, title=form.cleaned_data["title"], other_titles=form.other_titles(),
        actor=request.user), _("The titles of %(symbol)s were saved."))


@manager_required
@require_POST
def change_access(request, public_id):
    form = AccessForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose who may read the document."))
        return redirect("staff_documents:document", public_id=public_id)
    return _act(request, public_id, lambda d: services.document_change_access(
        document=d, access=form.cleaned_data["access"], actor=request.user),
        _("Who may read %(symbol)s was changed."))


@manager_required
@require_POST
def publish(request, public_id):
    return _act(request, public_id, lambda d: services.document_publish(
        document=d, actor=request.user), _("%(symbol)s is published."))


@manager_required
@require_POST
def withdraw(request, public_id):
    return _act(request, public_id, lambda d: services.document_withdraw(
        document=d, actor=request.user), _("%(symbol)s was withdrawn."))


@manager_required
@require_POST
def accept(request, public_id):
    return _act(request, public_id, lambda d: services.document_accept(
        document=d, actor=request.user), _("%(symbol)s was accepted and published."))


@manager_required
@require_POST
def return_submission(request, public_id):
    form = ReturnForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _act(request, public_id, lambda d: services.document_return(
        document=d, reason=reason, actor=request.user),
        _("%(symbol)s was returned to the member."))
