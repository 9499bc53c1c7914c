"""Send the mail waiting in the outbox; with --loop, keep doing so (a small daemon)."""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections, connection

from mail.outbox import send_queued

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = ("Send queued mail that is due (new messages, and retries after a failure with a "
            "growing wait). With --loop, run until stopped.")

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running.")
        parser.add_argument("--interval", type=float, default=10.0,
                            help="Seconds between rounds with --loop (default 10).")
        parser.add_argument("--limit", type=int, default=100,
                            help="Most messages per round (default 100).")

    def handle(self, *args, loop=False, interval=10.0, limit=100, **options):
        while True:
            if loop:
                close_old_connections()  # as a request would: drop stale or broken ones
            try:
                result = send_queued(limit=limit)
            except DatabaseError:
                if not loop:
                    raise
                # The database restarting must not end the daemon: reconnect next round.
                logger.warning("Outbox round failed; retrying", exc_info=True)
                connection.close()
                time.sleep(interval)
                continue
            if result.sent or result.failed or not loop:
                self.stdout.write(f"Sent {result.sent}, failed {result.failed}.")
            if not loop:
                return
            if result.sent + result.failed < limit:
                time.sleep(interval)
