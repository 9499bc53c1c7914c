"""Admin widgets that say what they are to screen readers."""

from django.contrib.admin.widgets import AdminSplitDateTime
from django.db import models
from django.utils.translation import gettext_lazy as _


class LabelledSplitDateTime(AdminSplitDateTime):
    """Django's date-and-time pair, whose two boxes share one <label> that points at neither;
    each box gets its own accessible name."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.widgets[0].attrs["aria-label"] = _("Date")
        self.widgets[1].attrs["aria-label"] = _("Time")


class LabelledDateTimeMixin:
    formfield_overrides = {models.DateTimeField: {"widget": LabelledSplitDateTime}}
