"""The documents of the 12th Meeting: the provisional agenda and the Action Plan 2018–2019
generated from the data (public), and three illustrative documents written for the demo and
labelled so: a working paper of the Working Group and a country report of Germany (for
participants), and a note of the secretariat (secretariat only). The summary record is
added by the record of the meeting."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from asem_customs.roles import SYSTEM
from documents import services
from documents.enums import Access, DocumentKind
from meetings.models import Member
from secretariat.pdf import SecretariatPDF

ILLUSTRATIVE = [
    {
        "title": "Working paper of the ASEM Working Group on Customs matters: work done since "
                 "the 11th Meeting",
        "kind": DocumentKind.WORKING_PAPER, "access": Access.PARTICIPANTS,
        "agenda": "Report of the ASEM Working Group on Customs matters",
        "text": "The Working Group met twice since the 11th Meeting. It reviewed the Action "
                "Plan 2016-2017, prepared the draft Action Plan 2018-2019 and discussed "
                "authorised economic operators, e-commerce and the fight against illicit "
                "trade in cultural goods.",
    },
    {
        "title": "Country report of Germany", "kind": DocumentKind.COUNTRY_REPORT,
        "access": Access.PARTICIPANTS, "member": "DE",
        "text": "German Customs reports on its risk management, its cooperation with the "
                "ASEM partners on authorised economic operators and its work on e-commerce "
                "parcels.",
    },
    {
        "title": "Note of the secretariat on the organisation of the meeting",
        "kind": DocumentKind.INFORMATION_NOTE, "access": Access.SECRETARIAT,
        "text": "Rooms, interpretation, seating of the heads of delegation and the timing of "
                "the adoption of the Action Plan.",
    },
]


def _illustrative_pdf(title, text):
    pdf = SecretariatPDF(title=title, footer_text=_("Illustrative document"))
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.font(9, "B")
    pdf.multi_cell(0, 5, _("ILLUSTRATIVE DOCUMENT, WRITTEN FOR THE DEMONSTRATION: NOT A "
                           "DOCUMENT OF THE MEETING."), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.font(14, "B")
    pdf.multi_cell(0, 7, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.font(11)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


BERLIN = ZoneInfo("Europe/Berlin")
AGENDA_PUBLISHED = dt.datetime(2017, 9, 15, 10, 0, tzinfo=BERLIN)
PAPERS_PUBLISHED = dt.datetime(2017, 10, 6, 10, 0, tzinfo=BERLIN)
PLAN_PUBLISHED = dt.datetime(2017, 10, 17, 18, 0, tzinfo=BERLIN)


def load_documents(twelfth):
    """Add the 12th Meeting's documents once; returns how many were added."""
    if twelfth.documents.exists():
        return 0
    agenda = services.document_generate(meeting=twelfth, key="agenda", actor=SYSTEM,
                                        publish=True)
    plan = services.document_generate(meeting=twelfth, key="action_plan", actor=SYSTEM,
                                      publish=True)
    items = {item.title: item for item in twelfth.agenda_items.all()}
    for spec in ILLUSTRATIVE:
        document = services.document_add(
            meeting=twelfth, title=spec["title"], kind=spec["kind"], access=spec["access"],
            agenda_item=items.get(spec.get("agenda")),
            file=ContentFile(_illustrative_pdf(spec["title"], spec["text"]),
                             name=f"{spec['kind']}.pdf"),
            publish=spec["access"] != Access.SECRETARIAT, illustrative=True, actor=SYSTEM)
        if spec.get("member"):
            document.member = Member.objects.get(code=spec["member"])
            document.save(update_fields=["member"])
    # Published when a secretariat would have published them, not on the day the demo loads
    # (load_demo refreshes the cached pages afterwards).
    twelfth.documents.filter(published_at__isnull=False).update(published_at=PAPERS_PUBLISHED)
    twelfth.documents.filter(pk=agenda.pk).update(published_at=AGENDA_PUBLISHED)
    twelfth.documents.filter(pk=plan.pk).update(published_at=PLAN_PUBLISHED)
    return twelfth.documents.count()
