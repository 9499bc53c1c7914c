from django.urls import path

from . import views

app_name = "delegates"

urlpatterns = [
    path("meetings/<slug:slug>/register/", views.register, name="register"),
    path("privacy/", views.privacy_notice, name="privacy"),
    path("registrations/<str:token>/", views.registration_manage, name="registration_manage"),
    path("registrations/<str:token>/change/", views.registration_change,
         name="registration_change"),
    path("registrations/<str:token>/cancel/", views.registration_cancel,
         name="registration_cancel"),
]
