"""Events a lower app announces for an upper one to act on (the API's webhooks), without
importing it: `emit("registration.confirmed", registration=pk)` inside a service, and the
upper app registers a listener in its `AppConfig.ready` (`register_listener`).

Listeners run once the transaction that emitted commits (never for a rolled-back change),
with ids only: a listener reads what it needs afresh. A listener's failure is logged and
never undoes the change nor stops the other listeners.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)

_listeners = []


def register_listener(listener):
    """Call `listener(event, **ids)` after commit for every event emitted from now on."""
    if listener not in _listeners:
        _listeners.append(listener)


def emit(event, **ids):
    """Announce `event` (a dotted name such as `registration.submitted`) with the ids of
    what it is about; delivered to the listeners after the current transaction commits."""
    transaction.on_commit(lambda: _deliver(event, ids))


def _deliver(event, ids):
    for listener in list(_listeners):
        try:
            listener(event, **ids)
        except Exception:
            logger.exception("Listener %r failed on %s %s", listener, event, ids)
