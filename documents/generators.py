"""Documents generated from the data (the provisional agenda, an action plan, the list of
participants). The apps that can make them (the secretariat's PDF package, on a higher layer)
register a generator here from their `AppConfig.ready`; `services.document_generate` runs
one and stores its result as a document of the meeting, or as a new version of the one it
made before."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .enums import Access


@dataclass(frozen=True)
class Generated:
    title: str
    filename: str
    content: bytes


@dataclass(frozen=True)
class Generator:
    key: str
    label: str
    kind: str
    access: str
    # make(meeting) -> Generated, or None when the meeting has nothing to make it from.
    make: object


_GENERATORS = {}


def register_generator(key, *, label, kind, make, access=Access.PUBLIC):
    _GENERATORS[key] = Generator(key=key, label=label, kind=kind, access=access, make=make)


def generators():
    return list(_GENERATORS.values())


def generator(key):
    found = _GENERATORS.get(key)
    if found is None:
        raise KeyError(_("Unknown generated document."))
    return found
