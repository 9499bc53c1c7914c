"""The record of the 12th Meeting for the demo: a summary record written from the published
account of the meeting (labelled illustrative: the account is a news item, not the record
itself), with the decisions and conclusions of each agenda item, adopted at the meeting and
published. Loaded through `documents.record`, as the secretariat would take it."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from asem_customs.roles import SYSTEM
from documents import record
from documents.models import MeetingRecord
from secretariat.pdf.base import SecretariatPDF

TITLE = "Summary record of the 12th ASEM Customs Directors-General and Commissioners Meeting"
BERLIN = ZoneInfo("Europe/Berlin")
ADOPTED_AT = dt.datetime(2017, 10, 17, 16, 30, tzinfo=BERLIN)
PUBLISHED_AT = dt.datetime(2017, 11, 15, 10, 0, tzinfo=BERLIN)

PARAGRAPHS = (
    "1. The 12th Meeting of the Customs Directors-General and Commissioners of the ASEM "
    "partners was held in Berlin, Germany, on 16 and 17 October 2017, at the invitation of "
    "German Customs. More than 140 delegates from 45 ASEM Members attended, with the "
    "Secretary General of the World Customs Organization.",
    "2. Opening the Meeting, the Parliamentary State Secretary at the Federal Ministry of "
    "Finance welcomed the delegates and highlighted ASEM's role in strengthening relations "
    "between Europe and Asia. The exchange of best practices and the alignment of Customs "
    "procedures were of particular significance in the fight against international "
    "terrorism; globalisation and digitalisation called for more connectivity between "
    "Customs administrations, for the free flow of trade and a secure supply chain.",
    "3. The Secretary General of the WCO briefed the Meeting on the six priority areas of "
    "the WCO: trade facilitation, e-commerce, security, Customs-Tax cooperation, illicit "
    "financial flows and performance measurement, and invited ASEM to make its actions and "
    "achievements known to the Customs community.",
    "4. The Meeting heard the reports of the ASEM Working Group on Customs Matters and of the "
    "Customs-Trade Days, and deliberated on Authorized Economic Operator schemes, "
    "Coordinated Border Management, product safety, joint Customs operations, the use of "
    "Passenger Name Records, the implementation of the WTO Trade Facilitation Agreement, "
    "best practices for IPR enforcement and the visibility of ASEM Customs activities.",
    "5. The Meeting adopted the Action Plan 2018-2019 of eight action points, with new "
    "actions on transit, Customs management of cross-border e-commerce, Single Window, "
    "automation and integrated risk assessment, and border enforcement on postal items.",
    "6. The Meeting thanked the German hosts for their hospitality and the organisation of "
    "the Meeting, and noted that the 13th Meeting would take place in Viet Nam in 2019.",
)


def _line(pdf, height, text):
    pdf.multi_cell(0, height, text, align="L", new_x="LMARGIN", new_y="NEXT")


def summary_record_pdf(meeting):
    pdf = SecretariatPDF(title=TITLE, footer_text="ASEM/DGC/12 · Summary record")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    pdf.font(9)
    _line(pdf, 5, "Illustrative: written for the demonstration from the published "
                         "account of the Meeting; not the Meeting's own record.")
    pdf.ln(3)
    pdf.font(15, "B")
    _line(pdf, 7, TITLE)
    pdf.font(10)
    _line(pdf, 6, "Berlin, 16-17 October 2017")
    pdf.ln(4)
    for paragraph in PARAGRAPHS:
        _line(pdf, 5.5, paragraph)
        pdf.ln(2.5)
    decisions = [item for item in meeting.agenda_items.order_by("position") if item.outcome]
    if decisions:
        pdf.font(12, "B")
        _line(pdf, 7, "Decisions and conclusions")
        for item in decisions:
            pdf.font(10, "B")
            _line(pdf, 5.5, f"{item.position}. {item.title}")
            pdf.font(10)
            _line(pdf, 5.5, item.outcome)
            pdf.ln(1.5)
    return bytes(pdf.output())


def load_record(twelfth):
    """The 12th Meeting's record, adopted and published; nothing when it is there already."""
    if MeetingRecord.objects.filter(meeting=twelfth).exists():
        return None
    upload = SimpleUploadedFile("summary-record-12th-meeting.pdf", summary_record_pdf(twelfth),
                                content_type="application/pdf")
    meeting_record = record.record_start(meeting=twelfth, file=upload, title=TITLE,
                                         actor=SYSTEM, illustrative=True)
    record.record_set_decisions(record=meeting_record, actor=SYSTEM, decisions={
        item.pk: item.outcome for item in twelfth.agenda_items.all() if item.outcome})
    record.record_adopt(record=meeting_record, actor=SYSTEM, at=ADOPTED_AT)
    return record.record_publish(record=meeting_record, actor=SYSTEM, at=PUBLISHED_AT)
