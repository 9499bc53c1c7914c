from django.urls import path

from . import privacy_views as views

app_name = "privacy"

urlpatterns = [
    path("", views.person, name="person"),
    path("export/", views.export, name="export"),
    path("erase/", views.erase, name="erase"),
]
