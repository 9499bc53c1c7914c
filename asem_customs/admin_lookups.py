"""The admin never answers questions about passport details.

Django's admin filters a change list by any field named in the URL
(`?passport_number__startswith=C1`), so counting the rows of each answer recovers a
passport number or a date of birth character by character, even for staff who never see the
field. Every admin of a model that is, or leads to, a registration refuses with 400 (as
Django does for a disallowed lookup) any filter, ordering or search whose path ends on or
passes through one of these fields. Normal filters keep working.
"""

from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.core.exceptions import FieldDoesNotExist
from django.db.models import F
from django.db.models.constants import LOOKUP_SEP


def sensitive_fields(model):
    """The fields of `model` no URL may filter, order or search on."""
    concrete = getattr(model, "instance_type", model)  # simple-history's historical models
    # Each model names its own (`Registration`: the passport details and the date of birth).
    return frozenset(getattr(concrete, "SENSITIVE_FIELDS", ()))


def path_is_sensitive(model, path):
    """Whether a lookup path (`registration__passport_number__year`) ends on or passes
    through a sensitive field, following relations in either direction."""
    for part in path.lstrip("-").split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False  # a transform or a lookup: the path ends here
        if field.name in sensitive_fields(model):
            return True
        if not field.is_relation or field.related_model is None:
            return False
        model = field.related_model
    return False


def _expression_paths(expression):
    if isinstance(expression, F):
        yield expression.name
    for source in getattr(expression, "get_source_expressions", list)():
        yield from _expression_paths(source)


def order_field_is_sensitive(model, order_field):
    if not order_field:
        return False
    if isinstance(order_field, str):
        return path_is_sensitive(model, order_field)
    return any(path_is_sensitive(model, path) for path in _expression_paths(order_field))


class GuardedChangeList(ChangeList):
    """`?o=` may only name a column that is sortable and orders by no sensitive field."""

    def get_ordering(self, request, queryset):
        order = self.params.get(ORDER_VAR)
        if order:
            sortable = set(self.sortable_by or self.list_display)
            for part in order.split("."):
                try:
                    name = self.list_display[int(part.rpartition("-")[2])]
                except (IndexError, ValueError) as exc:
                    raise DisallowedModelAdminLookup(f"Ordering by {order!r} not allowed") \
                        from exc
                if name not in sortable or order_field_is_sensitive(
                        self.model, self.get_ordering_field(name)):
                    raise DisallowedModelAdminLookup(f"Ordering by {order!r} not allowed")
        return super().get_ordering(request, queryset)


class SensitiveLookupsAdminMixin:
    """For every ModelAdmin of a model that is or reaches a registration."""

    def lookup_allowed(self, lookup, value, request=None):
        if path_is_sensitive(self.model, lookup):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_changelist(self, request, **kwargs):
        return GuardedChangeList

    def get_search_fields(self, request):
        return [name for name in super().get_search_fields(request)
                if not path_is_sensitive(self.model, name.lstrip("^=@"))]

    def get_sortable_by(self, request):
        return [name for name in super().get_sortable_by(request)
                if not order_field_is_sensitive(self.model, self._order_field(name))]

    def _order_field(self, name):
        try:
            return self.model._meta.get_field(name).name
        except FieldDoesNotExist:
            attr = getattr(self, name, None) or getattr(self.model, name, None)
            attr = getattr(attr, "fget", attr)  # a property of the model
            return getattr(attr, "admin_order_field", None)

