from django.urls import path

from . import views

app_name = "logistics"

urlpatterns = [
    path("registrations/<str:token>/travel/", views.travel, name="travel"),
    path("focal/registrations/<int:pk>/travel/", views.focal_travel, name="focal_travel"),
]
