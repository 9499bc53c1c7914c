"""django-axes' records of sign-in attempts, in the admin for superusers only: they hold
usernames, addresses and browsers of everyone who tried to sign in, which the secretariat's
editors do not need (a locked-out colleague is let in again by a superuser, or after
AXES_COOLOFF_HOURS)."""

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin


class SuperusersOnlyMixin:
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request) and super().has_change_permission(
            request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request) and super().has_delete_permission(
            request, obj)


for model, model_admin in [(AccessAttempt, axes_admin.AccessAttemptAdmin),
                           (AccessLog, axes_admin.AccessLogAdmin),
                           (AccessFailureLog, axes_admin.AccessFailureLogAdmin)]:
    if admin.site.is_registered(model):  # not when AXES_ENABLE_ADMIN is off
        admin.site.unregister(model)
        admin.site.register(model, type(model_admin.__name__,
                                        (SuperusersOnlyMixin, model_admin), {}))
