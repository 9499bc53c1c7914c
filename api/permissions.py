"""Who may call what, from `asem_customs.roles` and the token's scope."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from asem_customs import roles


class ReadOnlyPublic(BasePermission):
    """The public data: anyone reads, nobody writes."""

    def has_permission(self, request, view):
        # A method the endpoint does not have is answered 405, not 403.
        return request.method in SAFE_METHODS or not hasattr(view, request.method.lower())


class RegistrationAccess(BasePermission):
    """Registrations: a token of a focal point (its own member's) or of the secretariat;
    a write needs a token of the write scope."""

    message = "A personal API token of a focal point or of the secretariat is needed."

    def has_permission(self, request, view):
        user = request.user
        if request.auth is None:
            return False
        if not (roles.is_secretariat(user) or roles.focal_member(user) is not None):
            return False
        if request.method not in SAFE_METHODS and not request.auth.can_write:
            self.message = "This token may only read: make a token with the write scope."
            return False
        return True


class SecretariatEditorOnly(BasePermission):
    """Confirming and checking in: the secretariat's editors only."""

    message = "Only secretariat editors confirm registrations and check delegates in."

    def has_permission(self, request, view):
        return roles.is_secretariat_editor(request.user)


class DocumentAccess(BasePermission):
    """Documents: anyone reads what `documents.access` lets them read; a change needs a token
    of the write scope, and the documents' services decide whether its holder may make it."""

    message = "A personal API token of the write scope is needed to change documents."

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        if request.auth is None:
            return False
        if not request.auth.can_write:
            self.message = "This token may only read: make a token with the write scope."
            return False
        return True
