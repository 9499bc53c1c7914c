"""PDF documents the secretariat prints: badges, visa invitation letters and the list of
participants. Every document uses `SecretariatPDF`, which embeds the fonts shipped with the
install so that names in every ASEM script render on a fresh machine."""

from .badges import INLINE_BADGES, badges_pdf
from .base import SecretariatPDF
from .certificates import INLINE_CERTIFICATES, certificates_pdf
from .participants import participants_pdf
from .visa_letters import visa_letter_pdf, visa_letters_pdf

__all__ = ["INLINE_BADGES", "INLINE_CERTIFICATES", "SecretariatPDF", "badges_pdf",
           "certificates_pdf", "participants_pdf", "visa_letter_pdf", "visa_letters_pdf"]
