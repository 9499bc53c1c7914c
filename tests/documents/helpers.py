"""Files for the documents tests: genuine ones of each accepted type, and hostile ones."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF

from delegates.links import registration_path
from documents import services
from documents.enums import Access, DocumentKind
from tests.factories import FocalPointFactory, RegistrationFactory, UserFactory, member

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def pdf_bytes(text="Customs cooperation against illicit trade"):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=text)
    return bytes(pdf.output())


def zip_bytes(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bytes():
    return zip_bytes([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w/>")])


def odt_bytes():
    return zip_bytes([("mimetype", "application/vnd.oasis.opendocument.text"),
                      ("content.xml", "<office/>")])


def upload(data=None, name="paper.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, pdf_bytes() if data is None else data,
                              content_type=content_type)


def add(meeting, *, access=Access.PUBLIC, publish=True, kind=DocumentKind.WORKING_PAPER,
        title="Working paper", file=None, **kwargs):
    return services.document_add(meeting=meeting, title=title, kind=kind, access=access,
                                 file=file or upload(), publish=publish,
                                 actor=services.roles.SYSTEM, **kwargs)


def delegate_client(client, registration):
    """The client of a delegate who opened the signed link of their registration."""
    response = client.get(registration_path(registration))
    assert response.status_code == 302
    return client


def focal_point_of(code, username=None):
    user = UserFactory(username=username or f"focal-{code.lower()}")
    FocalPointFactory(user=user, member=member(code))
    return user


def seat(meeting, code, status):
    return RegistrationFactory(meeting=meeting, member=member(code), status=status)
