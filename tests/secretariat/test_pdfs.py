import datetime as dt
import re

import pytest

from delegates.enums import RegistrationStatus as Status
from delegates.enums import Role
from secretariat.exports import participants_for_list
from secretariat.pdf import INLINE_BADGES, badges_pdf, fonts, participants_pdf, visa_letter_pdf
from secretariat.pdf.fonts import FALLBACK_FONTS, MAIN_FONT, font_path
from tests.delegates.staff_helpers import editor, viewer
from tests.factories import MeetingFactory, RegistrationFactory, member
from tests.pdf import page_characters, page_images, pdf_text, qr_codes

pytestmark = pytest.mark.django_db

NAMES = [
    ("TH", "สมชาย", "ใจดี", "Somchai Jaidee", False),
    ("KR", "민준", "김", "Kim Min-jun", True),
    ("VN", "Hương", "Nguyễn Thị", "Nguyen Thi Huong", True),
    ("CN", "伟", "王", "Wang Wei", True),
    ("JP", "花子", "山田", "Yamada Hanako", True),
    ("RU", "Наталья", "Бондаренко", "Natalia Bondarenko", False),
    ("GR", "Γιώργος", "Παπαδόπουλος", "Georgios Papadopoulos", False),
    ("KH", "សុភា", "សុខ", "Sok Sophea", True),
    ("LA", "ສົມສັກ", "ພົມມະຈັນ", "Somsak Phommachan", False),
    ("MM", "မောင်မောင်", "", "Maung Maung", False),
    ("BD", "রহিম", "উদ্দিন", "Rahim Uddin", False),
    ("IN", "राहुल", "शर्मा", "Rahul Sharma", False),
]


def text_of(pdf_bytes, tmp_path):
    return pdf_text(pdf_bytes)


def embedded_fonts(pdf_bytes):
    return set(re.findall(rb"/BaseFont /[A-Z]{6}\+([A-Za-z]+)", pdf_bytes))


@pytest.fixture
def meeting():
    meeting = MeetingFactory(title="15th ASEM Customs DG-C Meeting",
                             host_organisations="General Department of Vietnam Customs")
    for index, (code, given, family, latin, family_first) in enumerate(NAMES):
        RegistrationFactory(meeting=meeting, member=member(code), given_name=given,
                            family_name=family, name_latin=latin,
                            family_name_first=family_first, status=Status.CONFIRMED,
                            role=Role.HEAD_OF_DELEGATION if index % 2 else Role.DELEGATE)
    return meeting


def test_every_font_ships_with_the_install():
    for package, relative in [MAIN_FONT, *[(p, r) for _f, p, r in FALLBACK_FONTS]]:
        assert font_path(package, relative).stat().st_size > 50_000


def test_badges_embed_a_font_for_every_script(meeting):
    data = badges_pdf(list(participants_for_list(meeting)), meeting=meeting)

    assert data[:5] == b"%PDF-"
    # Noto Sans itself covers Latin, Vietnamese, Cyrillic, Greek and Devanagari.
    assert embedded_fonts(data) == {
        b"NotoSans", b"NotoSansThai", b"NotoSansCJKTCRegular", b"NotoSansKhmer",
        b"NotoSansLao", b"NotoSansMyanmar", b"NotoSansBengali"}


def test_a_list_in_latin_letters_embeds_only_the_main_face():
    meeting = MeetingFactory(title="15th ASEM Customs DG-C Meeting")
    RegistrationFactory(meeting=meeting, given_name="Anna", family_name="Schmidt",
                        status=Status.CONFIRMED)

    data = participants_pdf(list(participants_for_list(meeting)), meeting=meeting)

    assert embedded_fonts(data) == {b"NotoSans"}
    assert len(data) < 40_000  # all ten faces made it 62 kB


def test_faces_are_read_once_per_process_and_each_document_keeps_its_own(meeting):
    latin = MeetingFactory(title="15th ASEM Customs DG-C Meeting")
    RegistrationFactory(meeting=latin, given_name="Anna", family_name="Schmidt",
                        status=Status.CONFIRMED)
    fonts._parsed_face.cache_clear()
    latin_list = participants_pdf(list(participants_for_list(latin)), meeting=latin)
    everyone = list(participants_for_list(meeting))
    first = badges_pdf(everyone, meeting=meeting)
    parsed = fonts._parsed_face.cache_info().currsize

    # The same list after the badges: none of their glyphs or faces come along.
    latin_again = participants_pdf(list(participants_for_list(latin)), meeting=latin)
    # The badges in the other order (their faces added in another order), then again.
    reversed_order = badges_pdf(everyone[::-1], meeting=meeting)
    again = badges_pdf(everyone, meeting=meeting)
    assert fonts._parsed_face.cache_info().currsize == parsed  # no face read twice

    assert len(latin_again) == len(latin_list) and embedded_fonts(latin_again) == {b"NotoSans"}
    assert embedded_fonts(reversed_order) == embedded_fonts(first)
    assert all(latin in pdf_text(reversed_order) for _c, _g, _f, latin, _o in NAMES)
    assert [page.tobytes() for page in page_images(again, scale=1)] == [
        page.tobytes() for page in page_images(first, scale=1)]


def test_badges_carry_names_transcriptions_member_role_and_code(meeting, tmp_path):
    registrations = list(participants_for_list(meeting))

    text = text_of(badges_pdf(registrations, meeting=meeting), tmp_path)

    for needle in ["김 민준", "Kim Min-jun", "Nguyễn Thị Hương", "Nguyen Thi Huong",
                   "Somchai Jaidee", "Republic of Korea", "HEAD OF DELEGATION", "DELEGATE",
                   registrations[0].badge_code, "15th ASEM Customs DG-C Meeting"]:
        assert needle in text, needle
    assert text.count("<page>") == 2  # twelve badges, eight a page


def test_single_badges_are_one_a_page(meeting, tmp_path):
    registrations = list(participants_for_list(meeting))[:3]

    text = text_of(badges_pdf(registrations, meeting=meeting, layout="single"), tmp_path)

    assert text.count("<page>") == 3


LONG_TITLE = ("Meeting of the ASEM Customs Directors-General and Commissioners and "
              "Directors-Directors")
POINTS_PER_MM = 72 / 25.4


@pytest.fixture
def long_meeting():
    """A meeting whose title, members and positions are longer than a badge is wide."""
    meeting = MeetingFactory(title=LONG_TITLE)
    for index, code in enumerate(["LA", "TH", "KR", "GB", "DE", "VN", "CN", "JP", "IN"]):
        RegistrationFactory(
            meeting=meeting, member=member(code), given_name="Somsak", family_name=(
                "Phommachan-Vongsavanh-Keovongsa" if index % 2 else f"Lee{index}"),
            position="Deputy Director-General, Department of International Cooperation "
                     "and Planning, Customs Administration",
            status=Status.CONFIRMED,
            role=[Role.HEAD_OF_DELEGATION, Role.DELEGATE, Role.OBSERVER][index % 3])
    return meeting


def within(box, left, bottom, right, top, slack=0.5):
    box_left, box_bottom, box_right, box_top = box
    return (box_left >= left - slack and box_right <= right + slack
            and box_bottom >= bottom - slack and box_top <= top + slack)


def test_single_badge_carries_a_qr_code_a_scanner_reads(long_meeting):
    registrations = list(participants_for_list(long_meeting))[:2]

    data = badges_pdf(registrations, meeting=long_meeting, layout="single")

    assert qr_codes(data) == [[registrations[0].badge_code], [registrations[1].badge_code]]


def test_single_badge_keeps_every_character_on_its_landscape_page(long_meeting):
    registrations = list(participants_for_list(long_meeting))[:3]

    data = badges_pdf(registrations, meeting=long_meeting, layout="single")

    for width, height, characters in page_characters(data):
        assert (round(width / POINTS_PER_MM), round(height / POINTS_PER_MM)) == (95, 68)
        assert [char for char, box in characters
                if not within(box, 0, 0, width, height)] == []
    assert LONG_TITLE in pdf_text(data)  # on two lines, not cut


def test_single_badge_role_band_is_centred(long_meeting):
    registration = list(participants_for_list(long_meeting))[0]

    data = badges_pdf([registration], meeting=long_meeting, layout="single")

    width, _height, characters = page_characters(data)[0]
    band = [box for _char, box in characters if box[3] < 9 * POINTS_PER_MM]
    assert "".join(char for char, box in characters if box[3] < 9 * POINTS_PER_MM) == (
        registration.get_role_display().upper().replace(" ", ""))
    left_gap, right_gap = min(box[0] for box in band), width - max(box[2] for box in band)
    assert abs(left_gap - right_gap) < 1.5  # points: half a millimetre


def test_badge_sheets_carry_every_qr_code_and_keep_each_text_in_its_badge(long_meeting):
    registrations = list(participants_for_list(long_meeting))

    data = badges_pdf(registrations, meeting=long_meeting)

    codes = [registration.badge_code for registration in registrations]
    assert qr_codes(data) == [sorted(codes[:8]), sorted(codes[8:])]
    mm = POINTS_PER_MM
    for _width, height, characters in page_characters(data):
        slots = [((10 + column * 95) * mm, height - (12.5 + (row + 1) * 68) * mm,
                  (10 + (column + 1) * 95) * mm, height - (12.5 + row * 68) * mm)
                 for row in range(4) for column in range(2)]
        stray = [char for char, box in characters
                 if not any(within(box, *slot) for slot in slots)]
        assert stray == []


def test_list_of_participants_pdf_groups_by_member_host_first(meeting, tmp_path):
    RegistrationFactory(meeting=meeting, member=member("VN"), given_name="Tuấn",
                        family_name="Lê", status=Status.CONFIRMED)

    text = text_of(participants_pdf(list(participants_for_list(meeting)), meeting=meeting),
                   tmp_path)

    assert "LIST OF PARTICIPANTS" in text
    assert text.index("VIET NAM") < text.index("BANGLADESH") < text.index("THAILAND")
    assert "(Somchai Jaidee)" in text


def test_visa_letter_has_letterhead_passport_details_and_signature_space(tmp_path):
    registration = RegistrationFactory(
        meeting=MeetingFactory(host_organisations="General Department of Vietnam Customs"),
        member=member("TH"), given_name="สมชาย", family_name="ใจดี",
        name_latin="Somchai Jaidee", honorific="Mr.", needs_visa_letter=True,
        passport_number="AA1234567", passport_nationality="Thai",
        passport_expires_on=dt.date(2030, 5, 1), date_of_birth=dt.date(1975, 2, 3),
    )

    text = text_of(visa_letter_pdf(registration), tmp_path)

    for needle in ["General Department of Vietnam Customs", "Letter of invitation",
                   "Mr. Somchai Jaidee (สมชาย ใจดี)", "AA1234567", "1 May 2030",
                   "3 February 1975", "For the Secretariat (signature and seal)"]:
        assert needle in text, needle


def test_a_thousand_badges_are_made_in_the_background_with_progress(
        client, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory(capacity=2000, delegation_cap=2000)
    from delegates.models import Registration

    Registration.objects.bulk_create(
        Registration(meeting=meeting, member=member("DE"), given_name="Anna",
                     family_name=f"Schmidt {n}", email=f"p{n}@example.org",
                     status=Status.CONFIRMED, badge_code=f"code-{n}")
        for n in range(INLINE_BADGES + 1)
    )
    client.force_login(viewer())

    with django_capture_on_commit_callbacks(execute=True):  # the task runs eagerly
        response = client.post(f"/staff/{meeting.slug}/badges/", {"layout": "sheet"})
    token = response.url.rstrip("/").split("/")[-1]
    page = client.get(response.url)
    download = client.get(f"/staff/jobs/{token}/download/")

    assert response.status_code == 302
    assert f"Ready: {INLINE_BADGES + 1} done." in page.text
    assert b"".join(download.streaming_content)[:5] == b"%PDF-"


def test_small_badge_sets_come_back_at_once(client, meeting):
    client.force_login(editor())

    response = client.post(f"/staff/{meeting.slug}/badges/",
                           {"layout": "single", "member": member("TH").pk})

    assert response["Content-Type"] == "application/pdf"


def test_unknown_job_is_404(client):
    client.force_login(viewer())

    assert client.get("/staff/jobs/not-a-job/").status_code == 404
    assert client.get("/staff/jobs/../../etc/").status_code == 404


def test_bold_faces_ship_with_the_project():
    from secretariat.pdf.fonts import BOLD_FALLBACKS, SHIPPED_FONTS, bold_instance

    for family, package, relative in [("NotoSans", *MAIN_FONT), *FALLBACK_FONTS]:
        if family == "NotoSans" or family in BOLD_FALLBACKS:
            assert bold_instance(package, relative).parent == SHIPPED_FONTS
    assert (SHIPPED_FONTS / "OFL.txt").exists()


SHAPED = {"TH", "KH", "LA", "MM", "BD", "IN"}


@pytest.mark.parametrize(("code", "given", "family"), [row[:3] for row in NAMES])
def test_text_shaping_runs_for_the_scripts_that_need_it_only(code, given, family):
    from secretariat.pdf.base import needs_shaping

    # Marks placed and letters joined by HarfBuzz (Thai, Khmer, Lao, Myanmar, the Indic
    # scripts); drawn one glyph per letter without it (Latin, Vietnamese, Cyrillic, Greek,
    # CJK, Hangul), which was most of the time of a long list.
    assert needs_shaping(f"{given} {family}") == (code in SHAPED)


def test_a_pdf_shapes_each_text_that_needs_it():
    from secretariat.pdf.base import SecretariatPDF

    pdf = SecretariatPDF(title="t")
    pdf.add_page()
    pdf.cell(0, 5, "สมชาย ใจดี")
    shaped = pdf.text_shaping
    pdf.cell(0, 5, "Nguyễn Thị Hương")
    plain = pdf.text_shaping
    pdf.output()

    assert shaped and shaped["use_shaping_engine"]
    assert plain is None


def test_decomposed_vietnamese_marks_are_still_shaped():
    import unicodedata

    from secretariat.pdf.base import needs_shaping

    assert not needs_shaping("Nguyễn Thị Hương")
    assert needs_shaping(unicodedata.normalize("NFD", "Nguyễn Thị Hương"))
    assert needs_shaping("مرحبا")
