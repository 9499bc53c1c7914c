"""A person's name says its language from its script (asem_customs.names), in one template
filter used wherever a name is shown."""

import pytest
from django.template import Context, Template

from asem_customs.names import name_language


@pytest.mark.parametrize("name, member, language", [
    ("สมชาย ใจดี", "TH", "th"),
    ("ສົມພອນ ແກ້ວມະນີ", "LA", "lo"),
    ("សុខ ចាន់ថា", "KH", "km"),
    ("အောင် ကျော်", "MM", "my"),
    ("김민준", "KR", "ko"),
    ("さくら 山田", "JP", "ja"),   # kana: Japanese, whoever sends the person
    ("王伟", "CN", "zh"),
    ("王伟", "SG", "zh"),
    ("山田 太郎", "JP", "ja"),     # Han alone: the member decides
    ("金 民俊", "KR", "ko"),
    ("王伟", "", ""),              # Han, nothing decides: no language claimed
    ("王伟", "DE", ""),
    ("Ганболд Батбаяр", "MN", "mn"),
    ("Trần Thu Hằng", "VN", ""),   # Latin letters: nothing to say
    ("", "TH", ""),
])
def test_language_comes_from_the_script_and_the_member_where_it_is_shared(name, member,
                                                                         language):
    assert name_language(name, member) == language


def render(name, member):
    return Template("{% load meeting_tags %}{{ name|person_name:member }}").render(
        Context({"name": name, "member": member}))


def test_filter_wraps_a_name_in_its_language_and_escapes_it():
    assert render("สมชาย ใจดี", "TH") == '<span lang="th">สมชาย ใจดี</span>'
    assert render("<b>王伟</b>", "CN") == '<span lang="zh">&lt;b&gt;王伟&lt;/b&gt;</span>'
    assert render("<b>Trần</b>", "VN") == "&lt;b&gt;Trần&lt;/b&gt;"


def test_filter_takes_a_member(db):
    from meetings.models import Member

    assert render("山田 太郎", Member.objects.get(code="JP")) == '<span lang="ja">山田 太郎</span>'


def test_published_participants_carry_the_language_of_their_names(client, db):
    from delegates.enums import RegistrationStatus
    from tests.factories import MeetingFactory, RegistrationFactory, member

    meeting = MeetingFactory(publish_participants=True, host_member=member("TH"))
    for code, given, family in [("TH", "สมชาย", "ใจดี"), ("JP", "太郎", "山田"),
                                ("DE", "Anna", "Schmidt")]:
        RegistrationFactory(meeting=meeting, member=member(code), given_name=given,
                            family_name=family, status=RegistrationStatus.CONFIRMED,
                            publish_name=True)

    content = client.get(f"{meeting.get_absolute_url()}participants/").content.decode()

    assert '<span lang="th">สมชาย ใจดี</span>' in content
    assert '<span lang="ja">' in content and "山田" in content
    assert "Anna Schmidt" in content and '<span lang="de">' not in content


def test_focal_point_sees_the_language_of_each_delegate_name(client, db):
    from django.urls import reverse

    from tests.factories import FocalPointFactory, MeetingFactory, RegistrationFactory, member

    focal_point = FocalPointFactory(member=member("KH"))
    client.force_login(focal_point.user)
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, member=member("KH"), given_name="ចាន់ថា",
                        family_name="សុខ")

    content = client.get(reverse("delegates:focal_delegation", args=[meeting.slug])).text

    assert content.count('<span lang="km">') == 5  # the name, and in each of its 4 buttons
