from django.shortcuts import render

from meetings.selectors import meeting_with_details


def register(request, slug):
    """Public registration page; the form and seat rules arrive with online registration."""
    meeting = meeting_with_details(slug)
    return render(request, "delegates/register.html", {"meeting": meeting})


def registration_manage(request, token):
    raise NotImplementedError


def registration_change(request, token):
    raise NotImplementedError


def registration_cancel(request, token):
    raise NotImplementedError
