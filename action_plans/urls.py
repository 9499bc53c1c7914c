from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("my-action-points/", views.my_action_points, name="my_action_points"),
    path("points/<int:pk>/report/", views.progress_report_create,
         name="progress_report_create"),
    path("reports/<int:pk>/", views.progress_report_detail, name="progress_report_detail"),
    path("reports/<int:pk>/edit/", views.progress_report_edit, name="progress_report_edit"),
    path("reports/<int:pk>/submit/", views.progress_report_submit,
         name="progress_report_submit"),
    path("reports/<int:pk>/review/", views.progress_report_review,
         name="progress_report_review"),
    path("reports/<int:pk>/attachments/<int:attachment_pk>/",
         views.progress_report_attachment, name="progress_report_attachment"),
    path("reports/<int:pk>/attachments/<int:attachment_pk>/remove/",
         views.progress_report_attachment_remove, name="progress_report_attachment_remove"),
    path("secretariat/reports/", views.review_queue, name="review_queue"),
    path("secretariat/points/<int:pk>/history/", views.point_history,
         name="point_history"),
    path("secretariat/<slug:slug>/carry-over/", views.carry_over, name="carry_over"),
]
