from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from . import problems, token_views, views

app_name = "api"

router = SimpleRouter()
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("members", views.MemberViewSet, basename="member")
router.register("action-plans", views.ActionPlanViewSet, basename="action-plan")
router.register("registrations", views.RegistrationViewSet, basename="registration")
router.register("documents", views.DocumentViewSet, basename="document")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.ApiDocsView.as_view(url_name="api:schema"), name="docs"),
    path("tokens/", token_views.token_list, name="tokens"),
    path("tokens/<str:key>/revoke/", token_views.token_revoke, name="token_revoke"),
    re_path(r"^.*$", problems.not_found, name="not_found"),
]
