"""Admin pages of rows only the services write (audit entries, submissions, uploads): the
admin shows them, and never adds or changes one."""

from django.contrib import admin


class NoAddOrChangeAdmin(admin.ModelAdmin):
    """Shown, never added or changed here; deleted where the user's permission allows."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(NoAddOrChangeAdmin):
    """Shown only: an audit trail is never deleted from the admin either."""

    def has_delete_permission(self, request, obj=None):
        return False
