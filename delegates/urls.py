from django.urls import path

from . import views

app_name = "delegates"

urlpatterns = [
    path("meetings/<slug:slug>/register/", views.register, name="register"),
]
