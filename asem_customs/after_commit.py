"""Work gathered per transaction and done once it commits: the outbox's hand-off of mail
(`mail.outbox`) and the events for the listeners (`asem_customs.events`) each keep one
callback per savepoint, so that a savepoint rolled back takes its own work with it, and add
to it rather than registering a callback per message or event.

This is the one place that reads Django's list of callbacks waiting for the commit.
"""

from django.db import transaction


def waiting(kind):
    """(the current savepoint ids, [(savepoint ids, callback)] of the callbacks of class
    `kind` waiting for this transaction's commit, the latest first)."""
    connection = transaction.get_connection()
    found = [(sids, func) for sids, func, _robust in reversed(connection.run_on_commit)
             if isinstance(func, kind)]
    return set(connection.savepoint_ids), found
