from django.urls import path

from . import views

app_name = "two_step"

urlpatterns = [
    path("", views.verify, name="verify"),
    path("set-up/", views.setup, name="setup"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
]
