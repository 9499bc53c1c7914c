"""Events a lower app announces for an upper one to act on (the API's webhooks), without
importing it: `emit("registration.confirmed", registration=pk)` inside a service, and the
upper app registers a listener in its `AppConfig.ready` (`register_listener`).

Listeners run once the transaction that emitted commits (never for a rolled-back change),
with ids only: a listener reads what it needs afresh. The events of one transaction reach a
listener together, in the order they were emitted (an import of 2,000 people is one call,
not 2,000), except those of a savepoint rolled back, which are dropped with it. A listener's
failure is logged and never undoes the change nor stops the other listeners.
"""

import logging

from django.db import transaction

from .after_commit import waiting

logger = logging.getLogger(__name__)

_listeners = []


def register_listener(listener):
    """Call `listener(events)` after commit with the events emitted in a transaction from
    now on: a list of (event, ids), `ids` a dict."""
    if listener not in _listeners:
        _listeners.append(listener)


class _AfterCommitEvents:
    """The events emitted in one savepoint of a transaction, delivered after commit (one per
    savepoint, so that a savepoint rolled back takes its own events with it)."""

    def __init__(self, savepoint_ids):
        self.savepoint_ids = savepoint_ids
        self.events = []

    def __call__(self):
        for listener in list(_listeners):
            try:
                listener(self.events)
            except Exception:
                logger.exception("Listener %r failed on %s events, the first %s",
                                 listener, len(self.events), self.events[:1])


def emit(event, **ids):
    """Announce `event` (a dotted name such as `registration.submitted`) with the ids of
    what it is about; delivered to the listeners after the current transaction commits."""
    savepoint_ids, pending = waiting(_AfterCommitEvents)
    for sids, batch in pending:
        if sids == savepoint_ids:
            batch.events.append((event, ids))
            return
    batch = _AfterCommitEvents(savepoint_ids)
    batch.events.append((event, ids))
    transaction.on_commit(batch)
