"""What the demonstration meeting asks beyond the registrations: a few questions of its own
(none required, so every form of the demo is filled as before) and credentials from each
delegation, with France's letter awaiting the secretariat and Japan's accepted."""

from django.core.files.base import ContentFile

from accreditation import services
from accreditation.models import Credentials, MeetingAccreditation, Question
from accreditation.selectors import questions_scope
from asem_customs.page_versions import bump
from asem_customs.roles import SYSTEM
from meetings.models import Member
from secretariat.pdf import SecretariatPDF

QUESTIONS = [
    {"label": "Will you attend the official dinner?", "kind": "yes_no",
     "help_text": "Hosted by the General Department of Viet Nam Customs on the first evening."},
    {"label": "Site visit", "kind": "one_choice",
     "choices": "Hai Phong port\nNoi Bai International Airport cargo terminal\nNone"},
    {"label": "Languages you work in", "kind": "several_choices",
     "choices": "English\nFrench\nVietnamese\nChinese\nJapanese"},
    {"label": "Security clearance reference", "visible_to": "focal_points",
     "help_text": "Given by your administration for the host's security service."},
    {"label": "Seating remarks (protocol)", "kind": "long_text", "visible_to": "staff"},
]


def _letter(member):
    pdf = SecretariatPDF(title="Note Verbale", footer_text="Illustrative document")
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.font(11)
    pdf.multi_cell(0, 6, f"ILLUSTRATIVE. The customs administration of {member.name} presents "
                         "its compliments to the ASEM Customs secretariat and has the honour "
                         "to nominate its delegation to the Demonstration Meeting.")
    return ContentFile(bytes(pdf.output()), name="note-verbale.pdf")


def load_accreditation(meeting):
    """Add the questions and the credentials of the demonstration meeting once."""
    MeetingAccreditation.objects.get_or_create(meeting=meeting,
                                               defaults={"credentials_required": True})
    if not meeting.questions.exists():
        Question.objects.bulk_create(
            Question(meeting=meeting, position=position, **spec)
            for position, spec in enumerate(QUESTIONS, start=1))
        bump(questions_scope(meeting.pk))  # bulk_create sends no signal
    if Credentials.objects.filter(meeting=meeting).exists():
        return
    for code in ("FR", "JP"):
        member = Member.objects.get(code=code)
        credentials = services.credentials_upload(meeting=meeting, member=member,
                                                  file=_letter(member), actor=SYSTEM)
        if code == "JP":
            services.credentials_accept(credentials=credentials, actor=SYSTEM)
