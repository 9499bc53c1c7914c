"""What the API shows. The public ones never hold a delegate's personal data: meetings,
agendas (the speakers the agenda page names), topics, members, action plans with accepted
progress. Registrations are shown only to a token of the focal point or the secretariat,
passport details only to holders of the passport permission."""

from django.conf import settings
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accreditation.enums import AUDIENCES_OF
from accreditation.selectors import answer_display
from action_plans.models import ActionPlan, ActionPoint, ProgressReport
from asem_customs.roles import (
    can_read_all_documents,
    can_see_passport_details,
    focal_member,
    is_secretariat,
)
from delegates.enums import PASSPORT_FIELDS
from delegates.models import Registration
from delegates.services import EDITABLE_FIELDS
from documents.enums import Access, DocumentKind
from documents.models import Document, DocumentFile
from logistics.models import TravelDetails
from meetings.models import AgendaItem, Meeting, MeetingSeries, Member, Speaker, Topic
from side_events.enums import ACTIVE_SIGNUP_STATUSES
from side_events.models import SideEvent, SideEventSignup


def _absolute(path):
    return f"{settings.SITE_URL}{path}"


class MemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = Member
        fields = ["code", "name", "kind", "region", "joined_year"]


class TopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["slug", "name", "description"]


class SeriesSerializer(serializers.ModelSerializer):
    demonstration = serializers.BooleanField(source="is_demo")

    class Meta:
        model = MeetingSeries
        fields = ["slug", "name", "short_name", "demonstration"]


class MeetingSerializer(serializers.ModelSerializer):
    series = SeriesSerializer()
    host_member = serializers.SlugRelatedField(slug_field="code", read_only=True)
    registration_window = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()
    agenda_url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "slug", "series", "number", "title", "host_member", "host_organisations", "city",
            "venue", "year", "start_date", "end_date", "time_zone", "status",
            "registration_opens_at", "registration_closes_at", "registration_window",
            "capacity", "delegation_cap", "summary", "web_url", "agenda_url", "updated_at",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=["open", "not_yet_open", "closed"]))
    def get_registration_window(self, meeting):
        return meeting.registration_window()

    def get_web_url(self, meeting) -> str:
        return _absolute(meeting.get_absolute_url())

    def get_agenda_url(self, meeting) -> str:
        return _absolute(reverse("api:meeting-agenda", kwargs={"slug": meeting.slug}))


class SideEventSerializer(serializers.ModelSerializer):
    """An event around the meeting with its seats (`side_events`)."""

    seats_taken = serializers.IntegerField(source="taken", read_only=True)
    waiting = serializers.IntegerField(read_only=True)

    class Meta:
        model = SideEvent
        fields = ["id", "name", "description", "place", "starts_at", "ends_at", "capacity",
                  "delegation_cap", "signup_open", "seats_taken", "waiting"]


class SpeakerSerializer(serializers.ModelSerializer):
    member = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Speaker
        fields = ["order", "name", "position", "organisation", "member"]


class AgendaItemSerializer(serializers.ModelSerializer):
    topics = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    reporting_bodies = serializers.SlugRelatedField(slug_field="name", many=True,
                                                    read_only=True)
    reviews_plan = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    speakers = SpeakerSerializer(many=True, read_only=True)

    class Meta:
        model = AgendaItem
        fields = ["position", "kind", "title", "description", "starts_at", "ends_at",
                  "topics", "reporting_bodies", "reviews_plan", "outcome", "speakers"]


class ProgressSerializer(serializers.ModelSerializer):
    member = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ProgressReport
        fields = ["report_date", "member", "proposed_status", "text"]


class ActionPointSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    lead_members = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    participating_members = serializers.SlugRelatedField(slug_field="code", many=True,
                                                         read_only=True)
    accepted_progress = ProgressSerializer(source="accepted_reports", many=True,
                                           read_only=True)
    illustrative = serializers.BooleanField(source="is_illustrative")

    class Meta:
        model = ActionPoint
        fields = ["number", "title", "area", "description", "expected_outputs",
                  "lead_members", "participating_members", "target_date", "status", "is_new",
                  "illustrative", "accepted_progress"]


class ActionPlanListSerializer(serializers.ModelSerializer):
    meeting = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = ActionPlan
        fields = ["slug", "title", "meeting", "period_start", "period_end", "adopted_on",
                  "summary"]


class ActionPlanSerializer(ActionPlanListSerializer):
    points = ActionPointSerializer(many=True, read_only=True)

    class Meta(ActionPlanListSerializer.Meta):
        fields = [*ActionPlanListSerializer.Meta.fields, "points"]


# --- registrations (with a token) ---------------------------------------------------------

READ_ONLY_REGISTRATION_FIELDS = ["id", "meeting", "status", "head_requested", "attended_at",
                                 "created_at", "updated_at", "status_changed_at"]


class AnswerSerializer(serializers.Serializer):
    """An answer to one of the meeting's questions (`accreditation`): the question's id,
    wording and kind, the answer as stored and as read."""

    question = serializers.IntegerField(source="question_id")
    label = serializers.CharField(source="question.label")
    kind = serializers.CharField(source="question.kind")
    value = serializers.CharField(help_text="As stored: several choices one a line, a date "
                                            "as YYYY-MM-DD, a country by its ISO code.")
    text = serializers.SerializerMethodField(help_text="As read on the pages.")

    def get_text(self, answer) -> str:
        return answer_display(answer.question, answer.value)
class TravelDetailsSerializer(serializers.ModelSerializer):
    """How the person travels and stays, as the host's lists read it (the arrival and
    departure dates and the needs are the registration's own fields)."""

    hotel = serializers.SlugRelatedField(slug_field="name", read_only=True)

    class Meta:
        model = TravelDetails
        fields = ["arrival_time", "arrival_flight", "arrival_airport", "arrival_transfer",
                  "departure_time", "departure_flight", "departure_airport",
                  "departure_transfer", "hotel", "check_in", "check_out", "diet"]
        read_only_fields = fields


class SideEventSignupSerializer(serializers.ModelSerializer):
    """The person's place at a side event, or on its waiting list."""

    event = serializers.IntegerField(source="event_id", read_only=True)
    event_name = serializers.CharField(source="event.name", read_only=True)

    class Meta:
        model = SideEventSignup
        fields = ["event", "event_name", "status", "created_at", "attended_at"]
        read_only_fields = fields


class RegistrationSerializer(serializers.ModelSerializer):
    """A registration as its focal point and the secretariat see it. The passport details
    are accepted from anyone who may register, and shown back only to holders of the
    passport permission (the web pages' rule)."""

    meeting = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    member = serializers.SlugRelatedField(slug_field="code", queryset=Member.objects.all(),
                                          required=False)
    answers = serializers.SerializerMethodField(
        help_text="Answers to the meeting's own questions that the reader may see (focal "
                  "points: those asked of delegates and focal points; the secretariat: all).")
    travel = serializers.SerializerMethodField(
        help_text="Travel details and hotel booking (the secretariat's tokens only; null "
                  "when the person has told none).")
    side_events = serializers.SerializerMethodField(
        help_text="The side events the person is signed up for or waits for.")

    class Meta:
        model = Registration
        fields = [*READ_ONLY_REGISTRATION_FIELDS,
                  *[field for field in EDITABLE_FIELDS if field != "privacy_consent_at"],
                  "privacy_consent_at", "answers", "travel", "side_events"]
        read_only_fields = READ_ONLY_REGISTRATION_FIELDS
        # The rules the constraints hold are the services' (with their messages), not DRF's.
        validators = []

    @extend_schema_field(AnswerSerializer(many=True))
    def get_answers(self, registration):
        audience = "staff" if is_secretariat(self.context["request"].user) else "focal_points"
        return AnswerSerializer([
            answer for answer in registration.answers.all()
            if answer.question.visible_to in AUDIENCES_OF[audience]], many=True).data

    @extend_schema_field(SideEventSignupSerializer(many=True))
    def get_side_events(self, registration):
        return SideEventSignupSerializer([
            signup for signup in registration.side_event_signups.all()
            if signup.status in ACTIVE_SIGNUP_STATUSES], many=True).data

    def to_representation(self, instance):
        data = super().to_representation(instance)
        user = self.context["request"].user
        if not can_see_passport_details(user):
            for field in PASSPORT_FIELDS:
                data.pop(field, None)
        if not is_secretariat(user):
            data.pop("travel", None)
        return data

    @extend_schema_field(TravelDetailsSerializer(allow_null=True))
    def get_travel(self, registration):
        try:
            travel = registration.travel
        except TravelDetails.DoesNotExist:
            return None
        return TravelDetailsSerializer(travel).data

    def validate_member(self, member):
        own = focal_member(self.context["request"].user)
        if own is not None and member != own:
            raise serializers.ValidationError(
                "A focal point can only register for its own member's delegation.")
        return member


class RegistrationCreateSerializer(RegistrationSerializer):
    meeting = serializers.SlugRelatedField(slug_field="slug", queryset=Meeting.objects.all())

    class Meta(RegistrationSerializer.Meta):
        read_only_fields = [field for field in READ_ONLY_REGISTRATION_FIELDS
                            if field != "meeting"]


class CheckInSerializer(serializers.Serializer):
    checked_in = serializers.BooleanField(read_only=True)
    changed = serializers.BooleanField(read_only=True,
                                       help_text="False when already checked in before.")
    registration = RegistrationSerializer(read_only=True)


# --- documents ----------------------------------------------------------------------------


class DocumentFileSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = DocumentFile
        fields = ["id", "language", "version", "name", "content_type", "size", "sha256",
                  "uploaded_at", "download_url"]

    def get_download_url(self, document_file) -> str:
        return _absolute(reverse("api:document-file", kwargs={
            "public_id": document_file.document.public_id, "file_id": document_file.public_id}))


class DocumentSerializer(serializers.ModelSerializer):
    """A document with its current files (one per language). What a published public
    document shows anyone; the reason a submission was returned only to the secretariat."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    meeting = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    member = serializers.SlugRelatedField(slug_field="code", read_only=True)
    agenda_item = serializers.SlugRelatedField(slug_field="position", read_only=True)
    files = DocumentFileSerializer(source="current_files", many=True, read_only=True)
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["id", "meeting", "symbol", "title", "kind", "access", "state", "member",
                  "agenda_item", "published_at", "updated_at", "return_reason", "files",
                  "web_url"]

    def get_web_url(self, document) -> str:
        return _absolute(document.get_absolute_url())

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not can_read_all_documents(self.context["request"].user):
            data.pop("return_reason", None)
        return data


class DocumentCreateSerializer(serializers.Serializer):
    """A new document with its first file (multipart/form-data)."""

    meeting = serializers.SlugRelatedField(slug_field="slug", queryset=Meeting.objects.all())
    title = serializers.CharField(max_length=300)
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    access = serializers.ChoiceField(choices=Access.choices, default=Access.SECRETARIAT)
    language = serializers.CharField(max_length=10, default="en")
    symbol = serializers.CharField(max_length=80, required=False, allow_blank=True,
                                   help_text="Proposed from the series' pattern when blank.")
    agenda_item = serializers.IntegerField(required=False, allow_null=True,
                                           help_text="The agenda item's position.")
    file = serializers.FileField()
    publish = serializers.BooleanField(default=False)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class DocumentChangeSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300, required=False)
    symbol = serializers.CharField(max_length=80, required=False)
    kind = serializers.ChoiceField(choices=DocumentKind.choices, required=False)
    access = serializers.ChoiceField(choices=Access.choices, required=False)
    agenda_item = serializers.IntegerField(required=False, allow_null=True,
                                           help_text="The agenda item's position; null for none.")


class DocumentVersionSerializer(serializers.Serializer):
    """A new file for a language: a new version, or the document's first file in it."""

    file = serializers.FileField()
    language = serializers.CharField(max_length=10, default="en")
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class AcceptSerializer(serializers.Serializer):
    access = serializers.ChoiceField(choices=Access.choices, required=False)
    publish = serializers.BooleanField(default=True)
