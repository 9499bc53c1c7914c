from django.urls import path

from . import views

app_name = "side_events"

urlpatterns = [
    path("registrations/<str:token>/events/", views.events, name="events"),
    path("focal/registrations/<int:pk>/events/", views.focal_events, name="focal_events"),
]
