"""What else to wipe when a registration's personal data is erased (on request, or past the
retention period, by `secretariat.privacy.anonymise_registration`). An app keeping personal
data of a registration (its photo, travel, hotel) registers a callable from its
`AppConfig.ready`; each is called with the registration inside the erasure's transaction,
so the data goes with the rest or not at all. Files in a storage are removed once the
transaction commits (`transaction.on_commit`)."""

ERASERS = []


def register_eraser(fn):
    """Have `fn(registration)` called whenever a registration's personal data is erased."""
    if fn not in ERASERS:
        ERASERS.append(fn)
    return fn


def run_erasers(registration):
    """Call every registered eraser with `registration` (inside the caller's transaction)."""
    for eraser in ERASERS:
        eraser(registration)
