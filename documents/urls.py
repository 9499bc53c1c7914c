from django.urls import path

from . import focal_views, record_views, views

app_name = "documents"

urlpatterns = [
    path("meetings/<slug:slug>/documents/", views.meeting_documents, name="meeting_documents"),
    path("meetings/<slug:slug>/documents/pack.zip", views.meeting_pack, name="meeting_pack"),
    path("meetings/<slug:slug>/record/", record_views.record_page, name="record"),
    path("documents/search/", views.search, name="search"),
    path("documents/<uuid:public_id>/", views.document_detail, name="document"),
    path("documents/files/<uuid:public_id>/", views.file_download, name="file"),
    path("focal/documents/<slug:slug>/", focal_views.meeting_documents,
         name="focal_documents"),
    path("focal/documents/<uuid:public_id>/version/", focal_views.add_version,
         name="focal_add_version"),
]
