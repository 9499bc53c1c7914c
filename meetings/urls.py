from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.home, name="home"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("series/<slug:slug>/", views.series_detail, name="series_detail"),
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<slug:slug>/agenda/", views.meeting_agenda, name="meeting_agenda"),
    path("members/", views.member_list, name="member_list"),
    path("members/<str:code>/", views.member_detail, name="member_detail"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
]
