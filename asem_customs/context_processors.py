from django.conf import settings


def site(request):
    """Values every page template may use."""
    return {"SITE_NAME": "ASEM Customs Meetings", "SITE_URL": settings.SITE_URL}
