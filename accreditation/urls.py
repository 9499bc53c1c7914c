from django.urls import path

from . import views

app_name = "accreditation"

urlpatterns = [
    path("focal/meetings/<slug:slug>/credentials/", views.focal_credentials,
         name="focal_credentials"),
    path("staff/credentials/<int:pk>/file/", views.credentials_file, name="credentials_file"),
    path("staff/credentials/<int:pk>/accept/", views.credentials_accept,
         name="credentials_accept"),
    path("staff/credentials/<int:pk>/return/", views.credentials_return,
         name="credentials_return"),
    path("staff/answers/<int:pk>/file/", views.answer_file, name="answer_file"),
    path("staff/<slug:slug>/credentials/", views.staff_credentials, name="staff_credentials"),
]
