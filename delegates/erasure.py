"""What else goes when a person's registration is anonymised or erased.

The privacy tools (`secretariat.privacy`) wipe the registration itself; apps that keep more
about the person beside it (travel details, answers, photos) live above `delegates` and may
not be imported by it, so each registers an eraser here from its `AppConfig.ready`:
`register_eraser(fn)`, called as `fn(registration=...)` inside the anonymisation's
transaction. An eraser deletes or wipes what its app holds about that registration and is
safe to run twice."""

_erasers = []


def register_eraser(eraser):
    """Call `eraser(registration=...)` whenever a registration is anonymised or erased."""
    if eraser not in _erasers:
        _erasers.append(eraser)


def run_erasers(*, registration):
    """Run every registered eraser on `registration` (inside the caller's transaction: an
    eraser that fails undoes the whole anonymisation rather than leave data behind)."""
    for eraser in list(_erasers):
        eraser(registration=registration)
