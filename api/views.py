"""The endpoints of /api/v1/. Thin: a permission, a scoped lookup, a serializer, a service.

Public reads carry an `ETag` (a digest of the answer) and answer `304 Not Modified` to a
matching `If-None-Match`. Answers to a token are never stored by a cache.
"""

import hashlib

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from action_plans.models import ActionPlan
from action_plans.selectors import points_with_progress
from asem_customs import roles
from delegates import services
from delegates.models import Registration
from meetings.models import Member, Topic
from meetings.selectors import agenda_items_for, public_meetings

from . import serializers
from .filters import MeetingFilter, RegistrationFilter
from .permissions import RegistrationAccess, SecretariatEditorOnly

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
            "meeting", "member", "travel", "travel__hotel").order_by(
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
