"""The photo for a badge and the certificate of attendance, on the person's own pages (behind
their signed link) and on the focal point's. Photos are served only by these views and the
secretariat's, each of which checks who asks: never from a public media address."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from meetings.enums import PhotoRule

from . import links, services
from .certificates import CertificateRefused, certificate_pdf
from .enums import ACTIVE_STATUSES
from .focal_views import _own_registration, focal_point_required
from .forms import PhotoForm
from .models import RegistrationPhoto
from .services import RegistrationError
from .views import signed_link_page


def current_photo(registration):
    """The registration's photo, or None (without a query when `photo` was selected)."""
    try:
        return registration.photo
    except RegistrationPhoto.DoesNotExist:
        return None


def photo_response(photo):
    """The JPEG of a photo, for the person who may see it only: never cached, never sniffed
    into something else, never run."""
    if photo is None:
        raise Http404
    response = FileResponse(photo.file.open("rb"), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def pdf_response(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def certificate_filename(registration):
    name = slugify(registration.name_latin or registration.full_name) or "participant"
    return f"certificate-{name}.pdf"


def _photo_page(request, registration, *, template, context, done_url):
    """GET shows the photo and the form; POST keeps a new photo or removes it, through the
    one service, and leads back to `done_url`."""
    if registration.meeting.photos == PhotoRule.OFF:
        raise Http404
    may_change = registration.status in ACTIVE_STATUSES and registration.anonymised_at is None
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and may_change:
        try:
            if "remove" in request.POST:
                services.registration_photo_remove(registration=registration,
                                                   actor=request.user)
                messages.success(request, _("The photo has been removed."))
                return redirect(done_url)
            if form.is_valid():
                services.registration_photo_save(registration=registration,
                                                 upload=form.cleaned_data["photo"],
                                                 actor=request.user)
                messages.success(request, _("The photo is saved: it will be printed on the "
                                            "badge."))
                return redirect(done_url)
        except RegistrationError as error:
            form.add_error("photo", error.message)
    return render(request, template, {
        **context, "registration": registration, "meeting": registration.meeting,
        "form": form, "photo": current_photo(registration), "may_change": may_change,
        "required": registration.meeting.photos == PhotoRule.REQUIRED,
    })


# --- the person, behind their signed link -----------------------------------------------------


@require_http_methods(["GET", "POST"])
@signed_link_page("photo")
def registration_photo(request, registration):
    return _photo_page(request, registration, template="delegates/registration_photo.html",
                       context={"token": links.SESSION_URL_TOKEN,
                                "photo_url": links.session_path("photo_image")},
                       done_url=links.session_path("manage"))


@require_GET
@signed_link_page("photo_image")
def registration_photo_image(request, registration):
    return photo_response(current_photo(registration))


@require_GET
@signed_link_page("certificate")
def registration_certificate(request, registration):
    try:
        content = certificate_pdf(registration)
    except CertificateRefused as refused:
        messages.error(request, str(refused))
        return redirect(links.session_path("manage"))
    return pdf_response(content, certificate_filename(registration))


# --- the focal point, for its own delegation ------------------------------------------------


def _focal_registration(focal_point, pk):
    registration = _own_registration(focal_point, pk)
    if registration.meeting.photos == PhotoRule.OFF:
        raise Http404
    return registration


@never_cache
@require_http_methods(["GET", "POST"])
@focal_point_required
def focal_registration_photo(request, focal_point, pk):
    registration = _focal_registration(focal_point, pk)
    return _photo_page(
        request, registration, template="delegates/focal/registration_photo.html",
        context={"focal_point": focal_point, "member": focal_point.member,
                 "photo_url": reverse("delegates:focal_registration_photo_image", args=[pk])},
        done_url=reverse("delegates:focal_delegation", args=[registration.meeting.slug]))


@never_cache
@require_GET
@focal_point_required
def focal_registration_photo_image(request, focal_point, pk):
    return photo_response(current_photo(_focal_registration(focal_point, pk)))
