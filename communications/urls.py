from django.urls import path

from . import views

app_name = "communications"

urlpatterns = [
    path("mail/", views.mail_templates, name="mail_templates"),
    path("mail/<str:kind>/", views.mail_template, name="mail_template"),
    path("<slug:slug>/circulars/", views.circulars, name="circulars"),
    path("<slug:slug>/circulars/new/", views.circular_new, name="circular_new"),
    path("<slug:slug>/circulars/<int:pk>/", views.circular, name="circular"),
    path("<slug:slug>/reminders/", views.reminders, name="reminders"),
    path("<slug:slug>/mail/", views.mail_templates, name="meeting_mail_templates"),
    path("<slug:slug>/mail/<str:kind>/", views.mail_template, name="meeting_mail_template"),
]
