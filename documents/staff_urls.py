from django.urls import path

from . import record_views, staff_views

app_name = "staff_documents"

urlpatterns = [
    path("meetings/<slug:slug>/", staff_views.meeting_documents, name="meeting_documents"),
    path("meetings/<slug:slug>/generate/<slug:key>/", staff_views.generate, name="generate"),
    path("<uuid:public_id>/", staff_views.document, name="document"),
    path("<uuid:public_id>/version/", staff_views.add_version, name="add_version"),
    path("<uuid:public_id>/titles/", staff_views.change_titles, name="change_titles"),
    path("<uuid:public_id>/access/", staff_views.change_access, name="change_access"),
    path("<uuid:public_id>/publish/", staff_views.publish, name="publish"),
    path("<uuid:public_id>/withdraw/", staff_views.withdraw, name="withdraw"),
    path("<uuid:public_id>/accept/", staff_views.accept, name="accept"),
    path("<uuid:public_id>/return/", staff_views.return_submission, name="return"),
    path("records/<slug:slug>/", record_views.staff_record, name="record"),
    path("records/<slug:slug>/decisions/", record_views.staff_record_decisions,
         name="record_decisions"),
    path("records/<slug:slug>/circulate/", record_views.staff_record_circulate,
         name="record_circulate"),
    path("records/<slug:slug>/comments/<int:pk>/answer/", record_views.staff_record_answer,
         name="record_answer"),
    path("records/<slug:slug>/adopt/", record_views.staff_record_adopt, name="record_adopt"),
    path("records/<slug:slug>/publish/", record_views.staff_record_publish,
         name="record_publish"),
]
