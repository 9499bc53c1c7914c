"""Certificates of attendance: who may have one (a person checked in at the meeting), in one
place for every page, and the maker of the PDF. The PDF is drawn by the secretariat's PDF
package, above this app, which registers its maker from `AppConfig.ready`."""

from django.utils.translation import gettext as _

_MAKERS = []


class CertificateRefused(Exception):
    """No certificate for this registration; the message says why, fit to show."""


def register_certificate_maker(fn):
    """`fn(registrations, *, meeting, progress=None)` returns the PDF bytes of their
    certificates, one a page."""
    _MAKERS[:] = [fn]
    return fn


def check_certificate(registration):
    """Raise CertificateRefused unless the person was checked in at the meeting."""
    if registration.anonymised_at is not None:
        raise CertificateRefused(_("This registration's personal data has been erased: no "
                                   "certificate can be made."))
    if registration.attended_at is None:
        raise CertificateRefused(_(
            "A certificate of attendance is only issued to people checked in at the meeting, "
            "and %(name)s has not been checked in.") % {"name": registration.full_name})


def certificate_pdf(registration):
    """The PDF of one person's certificate; CertificateRefused when they may have none."""
    check_certificate(registration)
    return _MAKERS[0]([registration], meeting=registration.meeting)
