"""Documents that take more than a moment (a thousand badges take about ten seconds) are
made in a background thread; the page that asked for them shows progress and then a
download link. The job's state and result live in files under MEDIA_ROOT/generated/, so
any worker process of the site can answer the progress page.

The thread never touches the database: the registrations are read in the request, and the
thread only draws them.
"""

import json
import os
import secrets
import shutil
import threading
import time
from pathlib import Path

from django.conf import settings

KEEP_SECONDS = 24 * 3600
# Above this many badges the PDF is made in the background (about 1 s per 80 badges).
INLINE_BADGES = 80
# Threads started by this process, by token; tests join them.
THREADS = {}


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


def start_job(*, render, total, filename, user_id):
    """Run `render(progress)` (returning PDF bytes; `progress(done)` reports how far it
    is) in a thread. Returns the job's unguessable token."""
    _remove_old_jobs()
    token = secrets.token_urlsafe(16)
    _job_dir(token).mkdir()
    state = {"done": 0, "total": total, "status": "running", "filename": filename,
             "user_id": user_id}
    _write_state(token, **state)

    def progress(done):
        _write_state(token, **{**state, "done": done})

    def run():
        try:
            data = render(progress)
            result_path(token).write_bytes(data)
            _write_state(token, **{**state, "done": total, "status": "ready"})
        except Exception:  # noqa: BLE001 - the page must say it failed, whatever happened
            _write_state(token, **{**state, "status": "failed"})
            raise

    thread = threading.Thread(target=run, name=f"document-{token[:6]}", daemon=True)
    THREADS[token] = thread
    thread.start()
    return token


def _remove_old_jobs():
    limit = time.time() - KEEP_SECONDS
    for folder in jobs_root().iterdir():
        if folder.is_dir() and folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)
