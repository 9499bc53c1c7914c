from django.urls import path

from . import plan_views

app_name = "plans"

urlpatterns = [
    path("<slug:slug>/", plan_views.action_plan_detail, name="action_plan_detail"),
]
