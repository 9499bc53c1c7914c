from meetings.enums import MemberKind, Region
from meetings.models import Member


def test_shipped_members_are_the_53_asem_partners_of_2017(db):
    partners = Member.objects.filter(kind=MemberKind.PARTNER)

    assert partners.count() == 53
    assert partners.filter(region=Region.ASIA).count() == 22
    assert partners.filter(region=Region.EUROPE).count() == 31
    assert set(partners.filter(code__in=["EU", "ASEAN"]).values_list("name", flat=True)) == {
        "European Union", "ASEAN Secretariat",
    }


def test_world_customs_organization_is_an_observer(db):
    wco = Member.objects.get(code="WCO")

    assert wco.kind == MemberKind.OBSERVER
    assert wco.region == ""


def test_member_years_of_joining_are_known(db):
    assert Member.objects.get(code="VN").joined_year == 1996
    assert Member.objects.get(code="KZ").joined_year == 2014
