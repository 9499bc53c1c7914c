from django.urls import path

from . import views

app_name = "communications"

urlpatterns = [
    path("mail/", views.mail_templates, name="mail_templates"),
    path("mail/<str:kind>/", views.mail_template, name="mail_template"),
    path("<slug:slug>/mail/", views.mail_templates, name="meeting_mail_templates"),
    path("<slug:slug>/mail/<str:kind>/", views.mail_template, name="meeting_mail_template"),
]
