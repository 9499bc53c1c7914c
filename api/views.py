"""The endpoints of /api/v1/. Thin: a permission, a scoped lookup, a serializer, a service.

Public reads carry an `ETag` (a digest of the answer) and answer `304 Not Modified` to a
matching `If-None-Match`. Answers to a token are never stored by a cache.
"""

import hashlib

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from action_plans.models import ActionPlan
from action_plans.selectors import points_with_progress
from asem_customs import roles
from delegates import services
from delegates.models import Registration
from documents import access as document_access
from documents import files as document_files
from documents import selectors as document_selectors
from documents import services as document_services
from documents.models import DocumentFile
from meetings.models import AgendaItem, Member, Topic
from meetings.selectors import agenda_items_for, public_meetings
from side_events.selectors import events_with_counts

from . import serializers
from .filters import DocumentFilter, MeetingFilter, RegistrationFilter
from .permissions import DocumentAccess, RegistrationAccess, SecretariatEditorOnly

PUBLIC_MAX_AGE = 60
PROBLEM = OpenApiResponse(description="A problem details object (RFC 9457).")


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI from drf-spectacular-sidecar's files (no CDN), its script in a file of its
    own (the CSP allows no inline script)."""

    template_name = "api/swagger_ui.html"
    title = "ASEM Customs Meetings API"


class ConditionalReadMixin:
    """ETag and 304 on public reads; public caches may keep them a minute."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return conditional_public_read(request, response)


def conditional_public_read(request, response):
    """A 200 to GET or HEAD gets an `ETag` (a digest of its body) and a minute in public
    caches, and becomes a 304 when `If-None-Match` names that ETag."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    response.render()
    etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return get_conditional_response(request, etag=etag, response=response)


class PublicViewSet(ConditionalReadMixin, viewsets.ReadOnlyModelViewSet):
    authentication_classes = []  # the same answer for everyone: no token is read
    lookup_field = "slug"


@extend_schema_view(
    list=extend_schema(summary="Meetings", description="Every meeting, the latest first."),
    retrieve=extend_schema(summary="A meeting"),
)
class MeetingViewSet(PublicViewSet):
    """Meetings of every series: where, when, whether registration is open. Public."""

    queryset = public_meetings().order_by("-year", "-number", "pk")
    serializer_class = serializers.MeetingSerializer
    filterset_class = MeetingFilter

    @extend_schema(summary="A meeting's agenda",
                   description="The agenda items in order, with their speakers.",
                   responses=serializers.AgendaItemSerializer(many=True))
    @action(detail=True, filter_backends=[], pagination_class=None)
    def agenda(self, request, slug=None):
        meeting = self.get_object()
        items = agenda_items_for(meeting)
        return Response(serializers.AgendaItemSerializer(items, many=True).data)

    @extend_schema(summary="A meeting's side events",
                   description="The events around the meeting in time order, with their seats "
                               "taken and the people waiting.",
                   responses=serializers.SideEventSerializer(many=True))
    @action(detail=True, url_path="side-events", url_name="side-events", filter_backends=[],
            pagination_class=None)
    def side_events(self, request, slug=None):
        meeting = self.get_object()
        return Response(serializers.SideEventSerializer(events_with_counts(meeting),
                                                        many=True).data)


@extend_schema_view(list=extend_schema(summary="Topics"), retrieve=extend_schema(summary="A topic"))
class TopicViewSet(PublicViewSet):
    """Subjects deliberated at meetings. Public."""

    queryset = Topic.objects.order_by("name")
    serializer_class = serializers.TopicSerializer


@extend_schema_view(list=extend_schema(summary="Members"),
                    retrieve=extend_schema(summary="A member", description="By short code."))
class MemberViewSet(PublicViewSet):
    """ASEM partners and observer organisations. Public."""

    queryset = Member.objects.order_by("name")
    serializer_class = serializers.MemberSerializer
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9-]+"

    def get_object(self):
        return get_object_or_404(self.get_queryset(), code__iexact=self.kwargs["code"])


@extend_schema_view(
    list=extend_schema(summary="Action plans"),
    retrieve=extend_schema(summary="An action plan",
                           description="With its points and their accepted progress reports."),
)
class ActionPlanViewSet(PublicViewSet):
    """Action plans adopted at meetings. Public."""

    queryset = ActionPlan.objects.select_related("meeting").order_by("-period_start", "pk")

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch("points", queryset=points_with_progress()))
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ActionPlanSerializer
        return serializers.ActionPlanListSerializer


# --- registrations ------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Registrations",
                       description="A focal point's: its own member's. The secretariat's: "
                                   "all, filtered."),
    retrieve=extend_schema(summary="A registration"),
    create=extend_schema(summary="Register a delegate",
                         description="The seat rules decide pending or waiting list.",
                         request=serializers.RegistrationCreateSerializer,
                         responses={201: serializers.RegistrationSerializer, 409: PROBLEM}),
    partial_update=extend_schema(summary="Change a registration",
                                 responses={200: serializers.RegistrationSerializer,
                                            409: PROBLEM}),
)
class RegistrationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                          mixins.CreateModelMixin, mixins.UpdateModelMixin,
                          viewsets.GenericViewSet):
    """Registrations, with a personal API token: a focal point reads and manages its own
    member's delegation; secretariat viewers read all, editors also confirm and check in."""

    serializer_class = serializers.RegistrationSerializer
    permission_classes = [RegistrationAccess]
    filterset_class = RegistrationFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        queryset = Registration.objects.select_related(
            "meeting", "member", "travel", "travel__hotel").prefetch_related(
            "answers__question", "side_event_signups__event").order_by(
            "meeting_id", "member__name", "family_name", "given_name", "pk")
        user = self.request.user
        if roles.is_secretariat(user):
            return queryset
        # Another member's registration is a 404: its existence is not revealed.
        return queryset.filter(member=roles.focal_member(user))

    def get_serializer_class(self):
        if self.action == "create":
            return serializers.RegistrationCreateSerializer
        return serializers.RegistrationSerializer

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_cache_control(response, no_store=True, private=True)
        return response

    def _own_or_editor(self, registration):
        """Changes: the focal point of the registration's member, or a secretariat editor
        (a viewer reads only)."""
        user = self.request.user
        if not (roles.is_secretariat_editor(user)
                or roles.focal_member(user) == registration.member):
            self.permission_denied(self.request,
                                   message="Secretariat viewers read registrations only.")

    def perform_create(self, serializer):
        user = self.request.user
        if not (roles.is_secretariat_editor(user) or roles.focal_member(user)):
            self.permission_denied(self.request,
                                   message="Secretariat viewers read registrations only.")
        data = dict(serializer.validated_data)
        meeting = data.pop("meeting")
        data.setdefault("member", roles.focal_member(user))
        serializer.instance = services.registration_submit(meeting=meeting, data=data,
                                                           actor=user)

    def perform_update(self, serializer):
        self._own_or_editor(serializer.instance)
        services.registration_update(registration=serializer.instance,
                                     data=dict(serializer.validated_data),
                                     actor=self.request.user)

    def update(self, request, *args, **kwargs):
        kwargs["partial"] = True
        return super().update(request, *args, **kwargs)

    def _answer(self, registration):
        return Response(serializers.RegistrationSerializer(
            registration, context=self.get_serializer_context()).data)

    @extend_schema(summary="Cancel a registration", request=None,
                   responses={200: serializers.RegistrationSerializer, 409: PROBLEM})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        registration = self.get_object()
        self._own_or_editor(registration)
        services.registration_cancel(registration=registration, actor=request.user)
        return self._answer(registration)

    @extend_schema(summary="Name head of delegation", request=None,
                   responses={200: serializers.RegistrationSerializer, 409: PROBLEM})
    @action(detail=True, methods=["post"], url_path="make-head")
    def make_head(self, request, pk=None):
        registration = self.get_object()
        self._own_or_editor(registration)
        services.registration_make_head(registration=registration, actor=request.user)
        return self._answer(registration)

    @extend_schema(summary="Confirm a registration (secretariat editors)", request=None,
                   responses={200: serializers.RegistrationSerializer, 409: PROBLEM})
    @action(detail=True, methods=["post"],
            permission_classes=[RegistrationAccess, SecretariatEditorOnly])
    def confirm(self, request, pk=None):
        registration = self.get_object()
        services.registration_confirm(registration=registration, actor=request.user)
        return self._answer(registration)

    @extend_schema(summary="Check a delegate in (secretariat editors)", request=None,
                   responses={200: serializers.CheckInSerializer, 409: PROBLEM})
    @action(detail=True, methods=["post"], url_path="check-in",
            permission_classes=[RegistrationAccess, SecretariatEditorOnly])
    def check_in(self, request, pk=None):
        registration = self.get_object()
        changed = services.registration_mark_attended(registration=registration,
                                                      actor=request.user)
        return Response({
            "checked_in": True, "changed": changed,
            "registration": serializers.RegistrationSerializer(
                registration, context=self.get_serializer_context()).data,
        }, status=status.HTTP_200_OK)


# --- documents ----------------------------------------------------------------------------


def _agenda_item(meeting, position):
    """The meeting's agenda item at `position` (None for None), or a validation problem."""
    if position is None:
        return None
    found = AgendaItem.objects.filter(meeting=meeting, position=position).first()
    if found is None:
        from rest_framework.exceptions import ValidationError

        raise ValidationError({"agenda_item": ["The meeting has no agenda item at this "
                                               "position."]})
    return found


@extend_schema_view(
    list=extend_schema(
        summary="Documents",
        description="Without a token: the published public documents of every meeting. With "
                    "one: what its holder may read (participants' documents of the meetings "
                    "where the member holds a seat; everything for the secretariat)."),
    retrieve=extend_schema(summary="A document", description="With its current files."),
    create=extend_schema(summary="Add a document (secretariat editors)",
                         description="multipart/form-data with the first file.",
                         request={"multipart/form-data": serializers.DocumentCreateSerializer},
                         responses={201: serializers.DocumentSerializer, 409: PROBLEM,
                                    422: PROBLEM}),
    partial_update=extend_schema(summary="Change a document (secretariat editors)",
                                 request=serializers.DocumentChangeSerializer,
                                 responses={200: serializers.DocumentSerializer, 409: PROBLEM}),
)
class DocumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                      mixins.CreateModelMixin, mixins.UpdateModelMixin,
                      viewsets.GenericViewSet):
    """A meeting's documents, read by anyone as the web pages allow them
    (`documents.access`), managed by secretariat editors with a write token through the
    same services as the staff pages (symbols, versions, publishing, submissions, audit)."""

    serializer_class = serializers.DocumentSerializer
    permission_classes = [DocumentAccess]
    filterset_class = DocumentFilter
    lookup_field = "public_id"
    lookup_value_regex = "[0-9a-f-]{36}"
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        reader = document_access.Reader(user=self.request.user)
        return document_selectors.readable_documents(reader).order_by(
            "-meeting__year", "meeting_id", "symbol", "pk")

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if not isinstance(response, Response):
            return response  # a file: `download_response` says how it may be kept
        if request.auth is not None or request.method not in ("GET", "HEAD"):
            patch_cache_control(response, no_store=True, private=True)
            return response
        # What anyone reads without a token: an ETag and a minute in public caches, which
        # keep it apart from answers to a token.
        patch_vary_headers(response, ["Authorization"])
        return conditional_public_read(request, response)

    def _answer(self, document, status_code=status.HTTP_200_OK):
        document = self.get_queryset().get(pk=document.pk)
        return Response(self.get_serializer(document).data, status=status_code)

    def _valid(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def create(self, request, *args, **kwargs):
        data = self._valid(serializers.DocumentCreateSerializer)
        meeting = data["meeting"]
        document = document_services.document_add(
            meeting=meeting, title=data["title"], kind=data["kind"], file=data["file"],
            access=data["access"], language=data["language"], symbol=data.get("symbol", ""),
            agenda_item=_agenda_item(meeting, data.get("agenda_item")),
            note=data.get("note", ""), publish=data["publish"], actor=request.user)
        return self._answer(document, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        document = self.get_object()
        data = self._valid(serializers.DocumentChangeSerializer)
        changes = {key: data[key] for key in ("title", "symbol", "kind") if key in data}
        if "agenda_item" in data:
            changes["agenda_item"] = _agenda_item(document.meeting, data["agenda_item"])
        document_services.document_change(document=document, actor=request.user, **changes)
        if "access" in data:
            document_services.document_change_access(document=document, access=data["access"],
                                                     actor=request.user)
        return self._answer(document)

    @extend_schema(summary="Add a file: a new version or a new language (secretariat "
                           "editors; a focal point for its member's submission)",
                   request={"multipart/form-data": serializers.DocumentVersionSerializer},
                   responses={201: serializers.DocumentSerializer, 422: PROBLEM})
    @action(detail=True, methods=["post"])
    def files(self, request, public_id=None):
        document = self.get_object()
        data = self._valid(serializers.DocumentVersionSerializer)
        document_services.document_add_version(
            document=document, file=data["file"], language=data["language"],
            note=data.get("note", ""), actor=request.user)
        return self._answer(document, status.HTTP_201_CREATED)

    @extend_schema(summary="Download a file", responses={
        (200, "application/octet-stream"): OpenApiResponse(description="The file.")})
    @action(detail=True, methods=["get"], url_path=r"files/(?P<file_id>[0-9a-f-]{36})",
            url_name="file", filter_backends=[], pagination_class=None)
    def file(self, request, public_id=None, file_id=None):
        document = self.get_object()
        document_file = get_object_or_404(DocumentFile, document=document, public_id=file_id)
        reader = document_access.Reader(user=request.user)
        if not document_access.can_read_file(reader, document_file, document):
            raise Http404
        return document_files.download_response(document_file)

    @extend_schema(summary="Publish a document (secretariat editors)", request=None,
                   responses={200: serializers.DocumentSerializer, 409: PROBLEM})
    @action(detail=True, methods=["post"])
    def publish(self, request, public_id=None):
        document = document_services.document_publish(document=self.get_object(),
                                                      actor=request.user)
        return self._answer(document)

    @extend_schema(summary="Withdraw a published document (secretariat editors)",
                   request=serializers.ReasonSerializer,
                   responses={200: serializers.DocumentSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, public_id=None):
        data = self._valid(serializers.ReasonSerializer)
        document = document_services.document_withdraw(
            document=self.get_object(), reason=data["reason"], actor=request.user)
        return self._answer(document)

    @extend_schema(summary="Accept a member's submission (secretariat editors)",
                   request=serializers.AcceptSerializer,
                   responses={200: serializers.DocumentSerializer, 409: PROBLEM})
    @action(detail=True, methods=["post"])
    def accept(self, request, public_id=None):
        data = self._valid(serializers.AcceptSerializer)
        document = document_services.document_accept(
            document=self.get_object(), access=data.get("access"), publish=data["publish"],
            actor=request.user)
        return self._answer(document)

    @extend_schema(summary="Return a member's submission with a reason (secretariat editors)",
                   request=serializers.ReasonSerializer,
                   responses={200: serializers.DocumentSerializer, 409: PROBLEM,
                              422: PROBLEM})
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_to_member(self, request, public_id=None):
        data = self._valid(serializers.ReasonSerializer)
        document = document_services.document_return(
            document=self.get_object(), reason=data["reason"], actor=request.user)
        return self._answer(document)
