from django.urls import path

from . import plan_views

app_name = "plans"

urlpatterns = [
    path("my-action-points/", plan_views.my_action_points, name="my_action_points"),
    path("points/<int:pk>/report/", plan_views.progress_report_create,
         name="progress_report_create"),
    path("reports/<int:pk>/", plan_views.progress_report_detail, name="progress_report_detail"),
    path("reports/<int:pk>/edit/", plan_views.progress_report_edit, name="progress_report_edit"),
    path("reports/<int:pk>/submit/", plan_views.progress_report_submit,
         name="progress_report_submit"),
    path("reports/<int:pk>/review/", plan_views.progress_report_review,
         name="progress_report_review"),
    path("reports/<int:pk>/attachments/<int:attachment_pk>/",
         plan_views.progress_report_attachment, name="progress_report_attachment"),
    path("reports/<int:pk>/attachments/<int:attachment_pk>/remove/",
         plan_views.progress_report_attachment_remove, name="progress_report_attachment_remove"),
    path("secretariat/reports/", plan_views.review_queue, name="review_queue"),
    path("secretariat/points/<int:pk>/history/", plan_views.point_history,
         name="point_history"),
    path("secretariat/<slug:slug>/carry-over/", plan_views.carry_over, name="carry_over"),
    path("secretariat/<slug:slug>/implementation-report.pdf", plan_views.implementation_report,
         name="implementation_report"),
    path("<slug:slug>/", plan_views.action_plan_detail, name="action_plan_detail"),
]
