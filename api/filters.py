import django_filters

from delegates.enums import RegistrationStatus, Role
from delegates.models import Registration
from documents.enums import Access, DocumentKind, DocumentState
from documents.models import Document
from meetings.enums import MeetingStatus
from meetings.models import Meeting


class MeetingFilter(django_filters.FilterSet):
    series = django_filters.CharFilter(field_name="series__slug")
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices)

    class Meta:
        model = Meeting
        fields = ["series", "year", "status"]


class RegistrationFilter(django_filters.FilterSet):
    meeting = django_filters.CharFilter(field_name="meeting__slug")
    member = django_filters.CharFilter(field_name="member__code", lookup_expr="iexact")
    status = django_filters.MultipleChoiceFilter(choices=RegistrationStatus.choices)
    role = django_filters.ChoiceFilter(choices=Role.choices)
    checked_in = django_filters.BooleanFilter(field_name="attended_at", lookup_expr="isnull",
                                              exclude=True)
    updated_since = django_filters.IsoDateTimeFilter(field_name="updated_at",
                                                     lookup_expr="gte")

    class Meta:
        model = Registration
        fields = ["meeting", "member", "status", "role", "checked_in", "updated_since"]


class DocumentFilter(django_filters.FilterSet):
    meeting = django_filters.CharFilter(field_name="meeting__slug")
    kind = django_filters.MultipleChoiceFilter(choices=DocumentKind.choices)
    access = django_filters.ChoiceFilter(choices=Access.choices)
    state = django_filters.ChoiceFilter(choices=DocumentState.choices)
    member = django_filters.CharFilter(field_name="member__code", lookup_expr="iexact")
    published_since = django_filters.IsoDateTimeFilter(field_name="published_at",
                                                       lookup_expr="gte")

    class Meta:
        model = Document
        fields = ["meeting", "kind", "access", "state", "member", "published_since"]
