from django.urls import path

from . import job_views, logistics_views, side_event_views, views

app_name = "staff"

urlpatterns = [
    path("", views.index, name="index"),
    path("focal-points/", views.focal_points, name="focal_points"),
    path("focal-points/<int:pk>/invite-again/", views.focal_point_resend,
         name="focal_point_resend"),
    path("jobs/<str:token>/", job_views.job, name="job"),
    path("jobs/<str:token>/download/", job_views.job_download, name="job_download"),
    path("jobs/<str:token>/retry/", job_views.job_retry, name="job_retry"),
    path("plans/<slug:slug>/implementation-report.pdf", views.implementation_report,
         name="implementation_report"),
    path("<slug:slug>/", views.meeting_dashboard, name="dashboard"),
    path("<slug:slug>/participants.<str:fmt>", views.participants_export,
         name="participants_export"),
    path("<slug:slug>/logistics/", logistics_views.logistics, name="logistics"),
    path("<slug:slug>/logistics/<str:kind>.<str:fmt>", logistics_views.logistics_export,
         name="logistics_export"),
    path("<slug:slug>/side-events/", side_event_views.side_events, name="side_events"),
    path("<slug:slug>/side-events/<int:pk>/", side_event_views.side_event, name="side_event"),
    path("<slug:slug>/side-events/<int:pk>.<str:fmt>", side_event_views.side_event_export,
         name="side_event_export"),
    path("<slug:slug>/badges/", views.badges, name="badges"),
    path("<slug:slug>/badges/<int:pk>.pdf", views.badge, name="badge"),
    path("<slug:slug>/certificates/", views.certificates, name="certificates"),
    path("<slug:slug>/certificates/<int:pk>.pdf", views.certificate, name="certificate"),
    path("<slug:slug>/photos/<int:pk>.jpg", views.photo, name="photo"),
    path("<slug:slug>/visa-letters/", views.visa_letters, name="visa_letters"),
    path("<slug:slug>/visa-letters/all.pdf", views.visa_letters_all, name="visa_letters_all"),
    path("<slug:slug>/visa-letters/<int:pk>.pdf", views.visa_letter, name="visa_letter"),
    path("<slug:slug>/check-in/", views.checkin, name="checkin"),
    path("<slug:slug>/check-in/scan/", views.checkin_scan, name="checkin_scan"),
    path("<slug:slug>/check-in/undo/", views.checkin_undo, name="checkin_undo"),
    path("<slug:slug>/check-in/search.json", views.checkin_search_json, name="checkin_search"),
    path("<slug:slug>/check-in/room.json", views.room, name="room"),
    path("<slug:slug>/import/", views.import_upload, name="import_upload"),
    path("<slug:slug>/import/preview/", views.import_preview, name="import_preview"),
]
