"""Work that takes more than a moment (a thousand badges take about ten seconds, a
thousand-row import longer) runs in a background thread; the page that asked for it shows
progress and then the result. The job's state and result live in files under
MEDIA_ROOT/generated/, so any worker process of the site can answer the progress page.

Documents never touch the database in the thread: the registrations are read in the
request, and the thread only draws them. An import writes in the thread, in one
transaction on the thread's own connection, closed at the end.
"""

import json
import logging
import os
import secrets
import shutil
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)

KEEP_SECONDS = 24 * 3600
# Above this many badges the PDF is made in the background (about 1 s per 80 badges).
INLINE_BADGES = 80
# Threads started by this process, by token; tests join them.
THREADS = {}
# Tests that run inside one database transaction switch this off: the work then runs in
# the request, on the request's connection, and sees the test's data.
RUN_IN_THREAD = True


def jobs_root():
    root = Path(settings.MEDIA_ROOT) / "generated"
    root.mkdir(parents=True, exist_ok=True)
    return root


def _job_dir(token):
    if not token.replace("-", "").replace("_", "").isalnum():
        raise FileNotFoundError(token)
    return jobs_root() / token


def _write_state(token, **state):
    path = _job_dir(token) / "state.json"
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps(state))
    os.replace(partial, path)


def read_state(token):
    """{'done', 'total', 'status' ('running'|'ready'|'failed'), 'filename'} or raises
    FileNotFoundError for an unknown token."""
    return json.loads((_job_dir(token) / "state.json").read_text())


def result_path(token):
    return _job_dir(token) / "result.pdf"


class JobFailed(Exception):
    """The work stopped for a reason the person must read (the message is shown)."""


def start_job(*, work, total, user_id, **info):
    """Run `work(progress, result_path)` in a thread and return the job's unguessable
    token. `progress(done)` reports how far it is; `work` writes its file to
    `result_path` (documents) and may return more state to show (imports). A JobFailed
    ends the job with its message."""
    _remove_old_jobs()
    token = secrets.token_urlsafe(16)
    _job_dir(token).mkdir()
    state = {"done": 0, "total": total, "status": "running", "user_id": user_id, **info}
    _write_state(token, **state)

    def progress(done):
        _write_state(token, **{**state, "done": done})

    def run():
        try:
            extra = work(progress, result_path(token)) or {}
            _write_state(token, **{**state, "done": total, "status": "ready", **extra})
        except JobFailed as exc:
            _write_state(token, **{**state, "status": "failed", "message": str(exc)})
        except Exception:  # noqa: BLE001 - the page must say it failed, whatever happened
            logger.exception("Background job failed (user %s)", user_id)  # no token in logs
            _write_state(token, **{**state, "status": "failed"})
        finally:
            if RUN_IN_THREAD:
                connection.close()  # the thread's own connection, if the work opened one

    if not RUN_IN_THREAD:
        run()
        return token
    thread = threading.Thread(target=run, name=f"job-{token[:6]}", daemon=True)
    THREADS[token] = thread
    thread.start()
    return token


def start_document(*, render, total, filename, user_id):
    """A PDF made by `render(progress)` in the background."""

    def work(progress, path):
        path.write_bytes(render(progress))

    return start_job(work=work, total=total, user_id=user_id, filename=filename,
                     kind="document")


def _remove_old_jobs():
    limit = time.time() - KEEP_SECONDS
    for folder in jobs_root().iterdir():
        if folder.is_dir() and folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)
