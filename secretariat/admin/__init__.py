"""The Django admin, one of the secretariat's tools: one module per area. It sits here, above
the data apps, because its actions call their services and the secretariat's own (jobs,
badges, the waiting list)."""

from . import (  # noqa: F401 - they register
    accreditation,
    action_plans,
    documents,
    jobs,
    logistics,
    mail,
    meetings,
    records,
    registrations,
    side_events,
)
