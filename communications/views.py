"""The secretariat's pages for writing to delegations: the wording of every mail, for all
meetings or for one, with its placeholders, a preview on a real registration and the way
back to the default. Readers of the staff workspace see them; changing them needs
`roles.can_edit_mail_templates`."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import permission_required, signed_in_with
from asem_customs import roles
from delegates.models import Registration
from mail.kinds import all_kinds, get_kind
from mail.models import MailTemplate
from mail.rendering import (
    Wording,
    default_wording,
    default_wording_to_write_from,
    html_of,
    wording_for,
)
from mail.services import mail_template_reset, mail_template_save
from meetings.models import Meeting

from .forms import CircularForm, MailTemplateForm, ReminderForm
from .models import Circular, Reminder
from .selectors import circular_progress, meeting_circulars, recipients
from .services import (
    CircularError,
    ReminderError,
    attachable_documents,
    circular_render,
    circular_send,
    reminder_remove,
    reminder_set_up,
)

viewer_required = permission_required(roles.VIEW_REGISTRATIONS, message=gettext_lazy(
    "Your account may not see the secretariat's pages: ask the secretariat for access."))


def _meeting(slug):
    return get_object_or_404(Meeting, slug=slug) if slug else None


def _url(meeting, kind=None, language=None):
    from django.urls import reverse

    if kind is None:
        return (reverse("communications:meeting_mail_templates", args=[meeting.slug])
                if meeting else reverse("communications:mail_templates"))
    url = (reverse("communications:meeting_mail_template", args=[meeting.slug, kind])
           if meeting else reverse("communications:mail_template", args=[kind]))
    return f"{url}?language={language}" if language else url


def _language(request):
    """The language of the wording on the page (`?language=`, or the form's), English when
    it names none the site speaks."""
    code = request.POST.get("language") or request.GET.get("language") or ""
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@viewer_required
@require_GET
def mail_templates(request, slug=None):
    """Every kind of mail, and whose wording it has in each language: the meeting's, all
    meetings', default."""
    meeting = _meeting(slug)
    kinds = all_kinds(per_meeting=True) if meeting else all_kinds()
    templates = MailTemplate.objects.all()
    own = set(templates.filter(meeting=meeting).values_list("kind", "language")) if meeting \
        else set()
    shared = set(templates.filter(meeting__isnull=True).values_list("kind", "language"))
    rows = [{"kind": kind, "url": _url(meeting, kind), "languages": [
        {"code": code, "name": name, "url": _url(meeting, kind, code),
         "source": "meeting" if (kind.name, code) in own
         else "all" if (kind.name, code) in shared else "default"}
        for code, name in settings.LANGUAGES]} for kind in kinds]
    return render(request, "communications/mail_templates.html", {
        "meeting": meeting, "rows": rows, "languages": settings.LANGUAGES,
        "can_see_passport_details": roles.can_see_passport_details(request.user),
    })


def _example(kind, meeting, pk):
    """(description, placeholders) of the real example the preview uses, or None."""
    if kind.example is None:
        return None
    try:
        return kind.example(meeting, pk)
    except (TypeError, ValueError):
        return None


@viewer_required
@require_http_methods(["GET", "POST"])
def mail_template(request, kind, slug=None):
    meeting = _meeting(slug)
    kind = get_kind(kind)
    if kind is None or (meeting is not None and not kind.per_meeting):
        raise Http404
    can_edit = roles.can_edit_mail_templates(request.user)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied(_("Your account may read the wording of mails but not change "
                                 "it."))
    language = _language(request)
    example_pk = _int(request.GET.get("example") or request.POST.get("example"))
    # The example's values and the preview in the wording's language, as the mail goes out.
    with translation.override(language):
        example = _example(kind, meeting, example_pk)
    example_values = example[1] if example else {}
    current = wording_for(kind.name, meeting_id=meeting.pk if meeting else None,
                          language=language)
    own = current.template if current.template is not None and (
        current.template.meeting_id == (meeting.pk if meeting else None)) else None
    action = request.POST.get("action", "preview")
    if request.method == "POST" and action == "reset":
        if mail_template_reset(kind=kind.name, meeting=meeting, actor=request.user,
                               language=language):
            messages.success(request, _("The wording is back to the default."))
        return redirect(_url(meeting, kind.name, language))
    if request.method == "POST":
        form = MailTemplateForm(request.POST, kind=kind, example_values=example_values)
        valid = form.is_valid()
        if valid and action == "save":
            mail_template_save(kind=kind.name, meeting=meeting, actor=request.user,
                               subject=form.cleaned_data["subject"],
                               body=form.cleaned_data["body"], language=language)
            messages.success(request, _("The new wording is used for every mail of this "
                                        "kind in this language from now on."))
            return redirect(_url(meeting, kind.name, language))
        wording = Wording(form.cleaned_data["subject"], form.cleaned_data["body"]) \
            if valid else None
    else:
        form = MailTemplateForm(initial={"subject": current.subject, "body": current.body},
                                kind=kind, example_values=example_values)
        wording = current
    preview = None
    with translation.override(language):
        rendered = _rendered(kind, wording, example_values) if wording else None
        if rendered is not None and example is not None:
            subject, text = rendered
            preview = {"subject": subject, "text": text, "html": html_of(subject, text)}
    return render(request, "communications/mail_template.html", {
        "meeting": meeting, "kind": kind, "form": form, "own": own, "current": current,
        "language": language, "language_name": dict(settings.LANGUAGES)[language],
        "languages": [(code, name, _url(meeting, kind.name, code))
                      for code, name in settings.LANGUAGES],
        "placeholders": sorted(kind.all_placeholders.items()), "preview": preview,
        "example": example, "examples": _examples(kind, meeting), "example_pk": example_pk,
        "can_edit": can_edit, "default": default_wording(kind.name),
        "list_url": _url(meeting), "can_see_passport_details":
        roles.can_see_passport_details(request.user),
    })


def _rendered(kind, wording, values):
    from mail.rendering import render_wording
    from mail.sandbox import MailTemplateError

    try:
        return render_wording(kind.name, wording, values)
    except MailTemplateError:
        return None


def _examples(kind, meeting):
    """Registrations of the meeting to preview a registration's mail with (the latest 50)."""
    if kind.group != "registration" or meeting is None:
        return []
    return list(Registration.objects.filter(meeting=meeting).select_related("member")
                .order_by("-created_at")[:50])


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- circulars ----------------------------------------------------------------------------

circulars_required = signed_in_with(roles.can_send_circulars, message=gettext_lazy(
    "Your account may read circulars but not send them."))


@viewer_required
@require_GET
def circulars(request, slug):
    meeting = _meeting(slug)
    rows = [(circular, circular_progress(circular))
            for circular in meeting_circulars(meeting)]
    return render(request, "communications/circulars.html", {
        "meeting": meeting, "rows": rows, "can_send": roles.can_send_circulars(request.user),
        "can_see_passport_details": roles.can_see_passport_details(request.user),
    })


@circulars_required
@require_http_methods(["GET", "POST"])
def circular_new(request, slug):
    """Write, preview (recipients and one rendered copy), then send."""
    meeting = _meeting(slug)
    if request.method == "POST":
        form = CircularForm(request.POST)
    else:
        wording = wording_for("circular", meeting_id=meeting.pk,
                              language=translation.get_language())
        if wording.template is None:
            wording = default_wording_to_write_from("circular")
        form = CircularForm(initial={"subject": wording.subject, "body": wording.body,
                                     "audience": request.GET.get("audience")})
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("action") == "send":
            try:
                circular = circular_send(meeting=meeting, audience=data["audience"],
                                         subject=data["subject"], body=data["body"],
                                         actor=request.user)
            except CircularError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The circular is on its way."))
                return redirect(circular)
        people = recipients(meeting, data["audience"])
        if not people:
            form.add_error("audience", _("Nobody is in this set of recipients yet."))
        else:
            try:
                subject, text = circular_render(meeting=meeting, subject=data["subject"],
                                                body=data["body"], recipient=people[0])
            except CircularError as error:
                form.add_error(None, _("This wording cannot be used: %(error)s")
                               % {"error": error})
            else:
                preview = {"recipients": people, "subject": subject, "text": text,
                           "first": people[0]}
    return render(request, "communications/circular_new.html", {
        "meeting": meeting, "form": form, "preview": preview,
        "can_see_passport_details": roles.can_see_passport_details(request.user),
    })


@viewer_required
@require_GET
def circular(request, slug, pk):
    meeting = _meeting(slug)
    circular = get_object_or_404(Circular.objects.select_related("created_by"),
                                 meeting=meeting, pk=pk)
    deliveries = circular.deliveries.select_related("outgoing_email")
    return render(request, "communications/circular.html", {
        "meeting": meeting, "circular": circular, "progress": circular_progress(circular),
        "deliveries": deliveries,
        "can_see_passport_details": roles.can_see_passport_details(request.user),
    })


# --- reminders ----------------------------------------------------------------------------


@viewer_required
@require_http_methods(["GET", "POST"])
def reminders(request, slug):
    """The meeting's reminders with the day each is sent (or was); editors set them up."""
    meeting = _meeting(slug)
    can_send = roles.can_send_circulars(request.user)
    if request.method == "POST" and not can_send:
        raise PermissionDenied(_("Your account may read reminders but not set them up."))
    form = ReminderForm(request.POST or None, attachable=attachable_documents(meeting))
    if request.method == "POST" and request.POST.get("remove"):
        reminder = get_object_or_404(Reminder, meeting=meeting, pk=_int(request.POST["remove"]))
        try:
            reminder_remove(reminder=reminder, actor=request.user)
        except ReminderError as error:
            messages.error(request, str(error))
        return redirect("communications:reminders", slug=meeting.slug)
    if request.method == "POST" and form.is_valid():
        try:
            reminder_set_up(meeting=meeting, kind=form.cleaned_data["kind"],
                            days_before=form.cleaned_data["days_before"], actor=request.user,
                            documents=form.cleaned_data.get("documents") or ())
        except ReminderError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The reminder is set up."))
            return redirect("communications:reminders", slug=meeting.slug)
    rows = []
    for reminder in meeting.reminders.select_related("run", "meeting").prefetch_related(
            "documents"):
        run = getattr(reminder, "run", None)
        rows.append({"reminder": reminder, "run": run, "run_on": reminder.run_on(),
                     "late": run is None and reminder.anchor_date() is not None
                     and reminder.anchor_date() < timezone.localdate()})
    return render(request, "communications/reminders.html", {
        "meeting": meeting, "rows": rows, "form": form, "can_send": can_send,
        "can_see_passport_details": roles.can_see_passport_details(request.user),
    })
