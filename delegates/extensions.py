"""What an app above this one adds to registrations without this app importing it: fields
on the registration forms saved with the registration, details shown on a registration's
pages, a rule that must hold before a registration is confirmed, and what follows when it
gives its seat back. The upper apps (`accreditation`: the meeting's questions and the
delegation's credentials; `side_events`: the seats at the meeting's side events) register in
their `AppConfig.ready`.

Audiences name who fills the form or reads the page: "delegates" (the public form and the
delegate's own page), "focal_points", "staff"."""

from dataclasses import dataclass

from django.db import transaction


@dataclass(frozen=True)
class RegistrationExtension:
    # (form, *, meeting, registration, audience) -> None: adds fields (and layout) to a form.
    extend_form: object = None
    # (form, *, registration, actor) -> None: stores what those fields hold.
    save_form: object = None
    # (registration, *, audience) -> [(label, text)]: shown on the registration's pages.
    details: object = None
    # (registration) -> None, or raises RegistrationError: checked by registration_confirm.
    check_confirmation: object = None
    # (registration, *, actor) -> None: the registration no longer holds its seat (cancelled,
    # rejected, put on the waiting list); called with the meeting and the registration locked.
    released: object = None
    # (registration, *, actor) -> None: the registration moved to another member's delegation
    # and kept its seat; called with the meeting and the registration locked.
    moved: object = None


_extensions = []


def register(extension):
    if extension not in _extensions:
        _extensions.append(extension)


def extend_form(form, *, meeting, registration=None, audience):
    """Let each extension add its fields to `form`; their names are kept in
    `form.extension_fields`, what `save_form` will store."""
    form.extension_fields = []
    for extension in _extensions:
        if extension.extend_form:
            before = set(form.fields)
            extension.extend_form(form, meeting=meeting, registration=registration,
                                  audience=audience)
            form.extension_fields += [name for name in form.fields if name not in before]


def save_form(form, *, registration, actor):
    for extension in _extensions:
        if extension.save_form:
            extension.save_form(form, registration=registration, actor=actor)


def submit(form, service, **kwargs):
    """Run a registration service (`registration_submit`, `registration_update`…) and store
    the form's added fields with its registration, all in one transaction. A form that no
    extension added a field to has nothing more to store: the service's own transaction is
    the whole of it (no savepoint inside a transaction of this function's)."""
    if not getattr(form, "extension_fields", None):
        return service(**kwargs)
    with transaction.atomic():
        registration = service(**kwargs)
        save_form(form, registration=registration, actor=kwargs.get("actor"))
    return registration


def details(registration, *, audience):
    found = []
    for extension in _extensions:
        if extension.details:
            found += extension.details(registration, audience=audience)
    return found


def check_confirmation(registration):
    for extension in _extensions:
        if extension.check_confirmation:
            extension.check_confirmation(registration)


def released(registration, *, actor=None):
    for extension in _extensions:
        if extension.released:
            extension.released(registration, actor=actor)


def moved(registration, *, actor=None):
    for extension in _extensions:
        if extension.moved:
            extension.moved(registration, actor=actor)
