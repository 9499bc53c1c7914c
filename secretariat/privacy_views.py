"""Staff pages for a person's request about their data: see what is held under an email
address, download it as JSON, erase it. Only for those who may see passport details
(`asem_customs.roles.can_see_passport_details`); everyone else signed in gets 403, and
someone not signed in is sent to sign in and back (`accounts.decorators`).

The email address travels in POST bodies only, so that it never lands in access logs."""

import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import signed_in_with

from . import privacy
from .forms import EraseForm, PersonForm


def personal_data_manager_required(view):
    return never_cache(signed_in_with(privacy.can_manage_personal_data, message=gettext_lazy(
        "Only secretariat editors who may see passport details handle requests about "
        "personal data."))(view))


@personal_data_manager_required
@require_http_methods(["GET", "POST"])
def person(request):
    form = PersonForm(request.POST or None)
    records = erase_form = None
    if request.method == "POST" and form.is_valid():
        records = privacy.person_records(form.cleaned_data["email"])
        # Its own ids: the search form above already has an `id_email`.
        erase_form = EraseForm(initial={"email": records.email}, auto_id="id_erase_%s")
    return render(request, "secretariat/privacy/person.html",
                  {"form": form, "records": records, "erase_form": erase_form})


@personal_data_manager_required
@require_POST
def export(request):
    form = PersonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid email address."))
        return redirect("privacy:person")
    data = privacy.export_person(email=form.cleaned_data["email"], actor=request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
    return response


@personal_data_manager_required
@require_POST
def erase(request):
    form = EraseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was erased: tick the box to confirm the request."))
        return redirect("privacy:person")
    result = privacy.erase_person(email=form.cleaned_data["email"], actor=request.user)
    messages.success(request, _(
        "Erased. Registrations anonymised: %(registrations)s (cancelled first: "
        "%(cancelled)s). Messages deleted: %(emails)s. Accounts closed: %(accounts)s."
    ) % {"registrations": result.registrations, "cancelled": result.cancelled,
         "emails": result.emails, "accounts": result.accounts})
    return redirect("privacy:person")
