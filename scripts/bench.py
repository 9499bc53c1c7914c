"""`make bench`: seed PostgreSQL at scale, serve the site with gunicorn as in production, load
it from this (second) process over loopback and print throughput and latency of each target,
also as a ratio to GET /healthz measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/asem_bench .venv/bin/python scripts/bench.py

Environment (all optional): DATABASE_URL (the database is created when missing), CACHE_URL
(default redis://127.0.0.1:6379/2 when Redis answers there, else local memory), BENCH_PORT
(8106), BENCH_DURATION (seconds per target, 10), BENCH_WORKERS (2 * cores + 1), BENCH_CSV_URL
(path of the CSV list of participants, with {slug} and {pk} for the meeting; found in the URL
configuration when unset), BENCH_OUTPUT (a file for the figures as JSON).

Everything runs on 127.0.0.1. The load tool is wrk when installed (Debian package `wrk`), else
an asyncio client (aiohttp): the pages, and the saturated registration load, posted by
scripts/wrk_registrations.lua with one CSRF cookie and a new address in each submission.
Registrations offered at a set rate (wrk cannot pace them) and CSV downloads (each client
with its own staff session) use aiohttp.
"""

import argparse
import asyncio
import datetime as dt
import gc
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/asem_bench"
BENCH_CACHE_URL = "redis://127.0.0.1:6379/2"
BENCH_BROKER_URL = "redis://127.0.0.1:6379/3"
CELERY = str(Path(PYTHON).with_name("celery"))
# Background work (the Celery worker, the import standing for its job) at a lower priority.
NICE = ["nice", "-n", "10"] if shutil.which("nice") else []
# A secretariat viewer: reads the registrations admin and downloads the lists, and signs in
# with a password alone (staff who may see passports add a second factor).
BENCH_USERNAME = "bench-viewer"
MB = 1024 * 1024

TARGETS = {
    "home": 0.5,  # at least half the throughput of /healthz
    "meeting": 0.5,
}
REGISTRATIONS_PER_SECOND = 50
REGISTRATION_P95_MS = 250
CSV_MEMORY_MB = 50
ADMIN_MS = 300
# Performance II (issue 18): ratios to /healthz of the same run, and seconds of the lists and
# documents (in-process, on the large meeting's confirmed registrations).
CACHED_PAGES = ("home", "meeting", "agenda", "action plan", "member", "topic", "documents")
CACHED_PAGE_RATIO = 0.9
SATURATED_REGISTRATION_RATIO = 0.09
OFFERED_REGISTRATION_P95_MS = 100
CSV_SECONDS = 1.5
COLD_PAGE_MS = 30
REGISTRATION_COST_GROWTH = 1.2
IMPORT_ROWS = 2000
IMPORT_SECONDS = 10
IMPORT_REGISTRATION_P95_MS = 250
DOCUMENT_SECONDS = {  # name: (rows, seconds at most)
    "XLSX list of participants": (5000, 5.0),
    "badges (A4 sheets)": (1000, 8.0),
    "PDF list of participants": (5000, 10.0),
    "one badge": (1, 0.3),
    "one visa letter": (1, 0.3),
}


# --------------------------------------------------------------------------- set-up


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=100)
    parser.add_argument("--registrations", type=int, default=50000)
    parser.add_argument("--csv-rows", type=int, default=50000,
                        help="Confirmed registrations of the meeting whose list is downloaded.")
    parser.add_argument("--duration", type=float,
                        default=float(os.environ.get("BENCH_DURATION", 10)))
    parser.add_argument("--rounds", type=int, default=5,
                        help="Page targets run in this many interleaved rounds.")
    parser.add_argument("--connections", type=int, default=20,
                        help="Concurrent connections for the page targets.")
    parser.add_argument("--clients", type=int, default=50,
                        help="Concurrent registration clients.")
    parser.add_argument("--rate", type=float, default=REGISTRATIONS_PER_SECOND,
                        help="Submissions per second the registration clients offer together.")
    parser.add_argument("--csv-clients", type=int, default=2)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8106)))
    parser.add_argument("--no-seed", action="store_true", help="Keep the data already there.")
    return parser.parse_args()


def redis_answers(url):
    parts = urllib.parse.urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def server_environment():
    database_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    cache_url = os.environ.get("CACHE_URL") or (
        BENCH_CACHE_URL if redis_answers(BENCH_CACHE_URL) else "locmemcache://bench"
    )
    env = dict(os.environ)
    if redis_answers(BENCH_BROKER_URL) and not os.environ.get("CELERY_BROKER_URL"):
        # As in production: mail and other background work go to a Celery worker.
        env["CELERY_BROKER_URL"] = BENCH_BROKER_URL
    env.update({
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(40),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        # One address sends every request here: the per-address limit would stop the load.
        "REGISTRATION_RATE_LIMIT": "off",
        "AXES_FAILURE_LIMIT": "1000",
        "EMAIL_URL": "dummymail://",
        "PYTHONUNBUFFERED": "1",
    })
    return env


def ensure_database(database_url):
    """Create the PostgreSQL database when it does not exist yet."""
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(database_url)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit("make bench needs PostgreSQL: DATABASE_URL=postgres://...")
    name = parts.path.lstrip("/")
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}.")


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def flush_bench_cache(cache_url):
    """Empty the bench's own Redis database so no page from an earlier run is served."""
    if cache_url == BENCH_CACHE_URL and shutil.which("redis-cli"):
        subprocess.run(["redis-cli", "-h", "127.0.0.1", "-n", "2", "FLUSHDB"],
                       check=True, capture_output=True)


def setup_django(env):
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asem_customs.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    # The in-process measurements use the test client inside transactions that are rolled
    # back: the connection must survive the end of each request (as in Django's TestCase).
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    # force_login() has no client address for django-axes to record; the server keeps axes.
    from django.conf import settings

    settings.AXES_ENABLED = False


def machine():
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    memory = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = int(line.split()[1]) // 1024
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "memory_mb": memory, "cpu": model,
            "python": platform.python_version(),
            "load_average_1_5_15": [round(value, 2) for value in os.getloadavg()]}


# --------------------------------------------------------------------------- the data


def bench_objects(meetings):
    """Slugs of the pages under load and the bench user, a secretariat viewer (created here)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from action_plans.models import ActionPlan
    from meetings.models import Meeting, Member, Topic

    password = secrets.token_urlsafe(16)
    User = get_user_model()
    user, _ = User.objects.get_or_create(
        username=BENCH_USERNAME, defaults={"email": "bench-viewer@example.org"}
    )
    user.is_staff = user.is_active = True
    user.is_superuser = False
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name="Secretariat viewer"))
    held = Meeting.objects.get(slug=f"scale-meeting-{meetings - 1}")
    topic = Topic.objects.filter(agenda_items__meeting=held).order_by("pk").first()
    return {
        "member": (held.host_member or Member.objects.order_by("code").first()),
        "topic": topic,
        "user": user,
        "password": password,
        "held": held,
        "open": Meeting.objects.get(slug=f"scale-meeting-{meetings}"),
        "large": Meeting.objects.filter(slug="scale-meeting-large").first(),
        "plan": ActionPlan.objects.filter(meeting=held).first(),
    }


def participants_csv_path(meeting):
    """The staff URL of the CSV list of participants of a meeting: BENCH_CSV_URL, else the
    first URL pattern whose name speaks of participants and CSV."""
    from django.urls import NoReverseMatch, get_resolver, reverse

    template = os.environ.get("BENCH_CSV_URL")
    if template:
        return template.format(slug=meeting.slug, pk=meeting.pk)
    names = []

    def walk(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern, inner)
            elif pattern.name:
                names.append(f"{namespace}{pattern.name}")

    walk(get_resolver())
    candidates = [n for n in names if "participant" in n and ("csv" in n or "export" in n)]
    for name in candidates:
        for kwargs in ({"slug": meeting.slug}, {"pk": meeting.pk}, {"meeting_id": meeting.pk}):
            for extra in ({}, {"fmt": "csv"}, {"format": "csv"}):
                try:
                    return reverse(name, kwargs={**kwargs, **extra})
                except NoReverseMatch:
                    continue
    return None


def mail_drained(by_worker, wait=120):
    """How long after the registration load the Celery worker needed to send the mail of
    every submission (the requests only queue it): the unsent bench mail, polled."""
    from django.db import connection

    from mail.models import OutgoingEmail

    queued = OutgoingEmail.objects.filter(sent_at__isnull=True, to__startswith="bench-")
    started = time.monotonic()
    left = queued.count()
    while left and by_worker and time.monotonic() - started < wait:
        time.sleep(0.5)
        left = queued.count()
    sent = OutgoingEmail.objects.filter(sent_at__isnull=False, to__startswith="bench-").count()
    connection.close()
    return {"by_worker": by_worker, "unsent": left, "sent": sent,
            "seconds": time.monotonic() - started}


def seat_check():
    """Meetings holding more seats than their capacity, and delegations above the cap."""
    from django.db.models import Count, F, Q

    from delegates.enums import SEAT_HOLDING_STATUSES
    from delegates.models import Registration
    from meetings.models import Meeting

    over_capacity = list(
        Meeting.objects.annotate(
            seats=Count("registrations", filter=Q(registrations__status__in=SEAT_HOLDING_STATUSES))
        ).filter(seats__gt=F("capacity")).values_list("slug", "seats", "capacity")
    )
    over_cap = list(
        Registration.objects.filter(status__in=SEAT_HOLDING_STATUSES)
        .values("meeting__slug", "member__code", "meeting__delegation_cap")
        .annotate(seats=Count("id"))
        .filter(seats__gt=F("meeting__delegation_cap"))
        .values_list("meeting__slug", "member__code", "seats", "meeting__delegation_cap")
    )
    return over_capacity, over_cap


def status_counts(meeting):
    from django.db.models import Count

    rows = meeting.registrations.values("status").annotate(n=Count("id")).order_by("status")
    return {row["status"]: row["n"] for row in rows}


# --------------------------------------------------------------------------- in-process


def measure_admin_changelist(user):
    """Time and queries of the registrations changelist at full size, at 50,000 rows and
    at 10 rows (rows removed inside a transaction that is rolled back)."""
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from delegates.models import Registration

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    url = reverse("admin:delegates_registration_changelist")

    def measure(label):
        rows = Registration.objects.count()
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return {"label": label, "rows": rows, "median_ms": statistics.median(timings),
                "max_ms": max(timings), "queries": len(queries)}

    def keep_only(count):
        keep = list(Registration.objects.order_by("pk").values_list("pk", flat=True)[:count])
        doomed = Registration.objects.exclude(pk__in=keep)
        with connection.cursor() as cursor:
            # Each deleted row fires the held-seats trigger: on a slow machine the delete of
            # 100,000 outlasts the statement timeout that guards the site's requests.
            cursor.execute("SET LOCAL statement_timeout = 0")
        # Foreign keys to registrations are checked at commit, which never comes.
        doomed._raw_delete(doomed.db)

    results = [measure("full")]
    if results[0]["rows"] > 50000:
        with transaction.atomic():
            keep_only(50000)
            results.append(measure("50,000"))
            transaction.set_rollback(True)
    with transaction.atomic():
        keep_only(10)
        results.append(measure("10"))
        transaction.set_rollback(True)
    return results


def measure_cold_meeting_page(meeting):
    """Milliseconds to build `meeting`'s public page with nothing cached (median of 5, each
    after its versions were bumped, as after an edit), and its queries."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from asem_customs.page_versions import bump_meeting

    client = Client(HTTP_HOST="127.0.0.1")
    url = meeting.get_absolute_url()
    if client.get(url).status_code != 200:  # templates compiled, connections open
        return None
    timings = []
    for _ in range(5):
        bump_meeting(meeting.pk)
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response["X-Public-Cache"] == "miss", response.get("X-Public-Cache")
    bump_meeting(meeting.pk)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {"median_ms": statistics.median(timings), "queries": len(queries)}


def measure_registration_cost(large, small):
    """Milliseconds of one registration by the secretariat (`registration_submit`: the
    meeting's seat lock, the seat counts, the row, its log and its mail queued), in the
    meeting of 50,000 registrations and in `small` cut down to 10 (median of 20; all of it
    inside a transaction that is rolled back)."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from delegates import services
    from delegates.models import Registration
    from meetings.models import Member

    members = list(Member.objects.order_by("pk")[:20])

    class Rollback(Exception):
        pass

    def one(meeting, serial, actor):
        data = {"given_name": "Bench", "family_name": f"Cost {serial}",
                "email": f"bench-cost-{serial}@example.org", "member": members[serial % 20],
                "privacy_consent_at": dt.datetime.now(dt.UTC)}
        started = time.perf_counter()
        try:
            with transaction.atomic():
                services.registration_submit(meeting=meeting, data=data, actor=actor)
                elapsed = time.perf_counter() - started
                raise Rollback
        except Rollback:
            return elapsed * 1000

    results = {}
    with transaction.atomic():
        actor = get_user_model().objects.create_superuser(
            "bench-secretariat", "bench-secretariat@example.org", secrets.token_urlsafe(16))
        others = Registration.objects.filter(meeting=small).exclude(pk__in=list(
            Registration.objects.filter(meeting=small).order_by("pk")
            .values_list("pk", flat=True)[:10]))
        others._raw_delete(others.db)  # checked at commit, which never comes
        for label, meeting in (("large", large), ("small", small)):
            one(meeting, 0, actor)
            results[label] = {
                "registrations": Registration.objects.filter(meeting=meeting).count(),
                "median_ms": statistics.median(one(meeting, n, actor) for n in range(1, 21)),
            }
        transaction.set_rollback(True)
    return results


def measure_documents(meeting):
    """Seconds each document of DOCUMENT_SECONDS takes in-process, made as the background
    job makes it (the second of two runs: the first loads fonts and templates)."""
    from secretariat.exports import participants_for_list, participants_xlsx
    from secretariat.pdf import badges_pdf, participants_pdf, visa_letter_pdf
    from secretariat.work import _registrations

    def first(count):
        return list(participants_for_list(meeting)[:count])

    # One badge or letter is asked for one person (the staff page's link names them): read
    # as the job reads them, by id, not as the first of the sorted list of 50,000.
    one = list(participants_for_list(meeting).values_list("pk", flat=True)[:1])

    makers = {
        "XLSX list of participants": lambda rows: participants_xlsx(
            participants_for_list(meeting)[:rows], title="Participants"),
        "badges (A4 sheets)": lambda rows: badges_pdf(first(rows), meeting=meeting),
        "PDF list of participants": lambda rows: participants_pdf(first(rows),
                                                                  meeting=meeting),
        "one badge": lambda rows: badges_pdf(_registrations(one, "member", "photo"),
                                             meeting=meeting, layout="single"),
        "one visa letter": lambda rows: visa_letter_pdf(_registrations(
            one, "member", "meeting", "meeting__host_member")[0]),
    }
    found = {}
    for name, (rows, _limit) in DOCUMENT_SECONDS.items():
        timings = []
        for _ in range(2):
            started = time.perf_counter()
            makers[name](rows)
            timings.append(time.perf_counter() - started)
        found[name] = {"rows": rows, "seconds": timings[-1]}
    return found


def measure_csv_in_process(user, path):
    """Peak Python memory (tracemalloc) while the whole CSV response is produced and read."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    client.get(path)  # warm: imports, templates, first queries
    gc.collect()
    tracemalloc.start()
    baseline, _ = tracemalloc.get_traced_memory()
    started = time.perf_counter()
    response = client.get(path)
    size = lines = 0
    chunks = response.streaming_content if response.streaming else [response.content]
    for chunk in chunks:
        size += len(chunk)
        lines += chunk.count(b"\n")
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"status": response.status_code, "streaming": response.streaming,
            "content_type": response.get("Content-Type", ""), "bytes": size,
            "rows": max(lines - 1, 0), "seconds": elapsed,
            "peak_growth_mb": (peak - baseline) / MB}


# --------------------------------------------------------------------------- the server


class Server:
    def __init__(self, env, port, workers):
        self.env, self.port, self.workers = env, port, workers
        self.base = f"http://127.0.0.1:{port}"
        self.log_fd, self.log = tempfile.mkstemp(prefix="bench-gunicorn-", suffix=".log")
        self.process = self.worker = None

    def __enter__(self):
        if self.env.get("CELERY_BROKER_URL"):
            # As the README advises where workers share a machine with the app servers: at a
            # lower CPU priority, so that mail, documents and imports wait for the pages.
            self.worker = subprocess.Popen(
                [*NICE, CELERY, "-A", "asem_customs", "worker", "--concurrency", "1", "-l",
                 "WARNING",
                 "--without-gossip", "--without-mingle", "--purge"],
                cwd=ROOT, env=self.env, stdout=self.log_fd, stderr=subprocess.STDOUT,
                start_new_session=True)
        command = [GUNICORN, "asem_customs.wsgi", "--bind", f"127.0.0.1:{self.port}",
                   "--workers", str(self.workers), "--graceful-timeout", "5", "--timeout", "120"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=self.log_fd,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped; see {self.log}")
            try:
                if get(f"{self.base}/healthz") == 200 and len(self.worker_pids()) == self.workers:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit(f"gunicorn did not answer on {self.base}; see {self.log}")

    def __exit__(self, *exc):
        for process in (self.process, self.worker):
            if process and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
        os.close(self.log_fd)

    def drain(self):
        """Wait until every worker is free: requests a load tool gave up on at the end of a
        target are still being answered and must not be charged to the next target."""
        for _ in range(self.workers):
            get(f"{self.base}/healthz", timeout=120)

    def worker_pids(self):
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except OSError:
            return []


def get(url, timeout=30):
    """GET a loopback URL and return the status (only http://127.0.0.1 reaches here)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def rss_mb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class CpuMeter:
    """CPU seconds spent by each part of the system between `start` and `stop`, read from
    /proc (Linux): the app server (gunicorn and its workers), the Celery worker, PostgreSQL
    and the load client itself. Where a request's CPU goes once the cores are saturated."""

    def __init__(self, server):
        self.server, self.before, self.spent = server, None, None
        # CPU seconds of processes read otherwise (a load tool run as a child process).
        self.extra = {}

    def groups(self):
        server = self.server
        celery = [server.worker.pid, *children(server.worker.pid)] if server.worker else []
        return {"gunicorn": [server.process.pid, *server.worker_pids()], "celery": celery,
                "postgres": pids_named("postgres"), "load client": [os.getpid()]}

    def read(self):
        return {name: sum(cpu_seconds(pid) for pid in pids)
                for name, pids in self.groups().items()}

    def start(self):
        self.before = self.read()

    def stop(self):
        after = self.read()
        self.spent = {name: after[name] - self.before.get(name, 0)
                      + self.extra.get(name, 0) for name in after}
        return self.spent


def cpu_seconds(pid):
    """User and system CPU seconds of `pid` so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid):
    try:
        return [int(child) for child in
                Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def pids_named(name):
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "comm").read_text().strip() == name:
                found.append(int(entry.name))
        except OSError:
            continue
    return found


# --------------------------------------------------------------------------- load


def summarise(latencies_ms, seconds, errors=0):
    ordered = sorted(latencies_ms)

    def percentile(p):
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    return {"requests": len(ordered), "rps": len(ordered) / seconds if seconds else 0,
            "p50_ms": percentile(50), "p95_ms": percentile(95), "p99_ms": percentile(99),
            "errors": errors, "seconds": seconds}


def run_wrk(command):
    """Run wrk and return the JSON line its Lua script printed at the end."""
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads([line for line in output.splitlines() if line.startswith("{")][-1])


def wrk_load(url, duration, connections):
    threads = max(1, min(2, connections))
    # As a browser asks: every browser accepts gzip (aiohttp too, by default).
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, int(round(duration)))}s",
               "--timeout", "10s", "-H", "Accept-Encoding: gzip, deflate, br",
               "-s", str(ROOT / "scripts" / "wrk_report.lua"), url]
    report = run_wrk(command)
    seconds = report["duration_us"] / 1e6
    return {"requests": report["requests"], "rps": report["requests"] / seconds,
            "p50_ms": report["p50_us"] / 1000, "p95_ms": report["p95_us"] / 1000,
            "p99_ms": report["p99_us"] / 1000,
            "errors": report["non_2xx_3xx"] + report["socket_errors"], "seconds": seconds}


def combine(runs):
    """One figure from several rounds: requests over the total time; each percentile the
    mean of the rounds' percentiles weighted by their requests (wrk reports no raw data)."""
    requests = sum(run["requests"] for run in runs)
    seconds = sum(run["seconds"] for run in runs)

    def weighted(key):
        if not requests:
            return float("nan")
        return sum(run[key] * run["requests"] for run in runs if run["requests"]) / requests

    return {"requests": requests, "rps": requests / seconds if seconds else 0,
            "p50_ms": weighted("p50_ms"), "p95_ms": weighted("p95_ms"),
            "p99_ms": weighted("p99_ms"), "errors": sum(run["errors"] for run in runs),
            "seconds": seconds, "rounds": len(runs)}


async def aiohttp_get_load(url, duration, connections):
    import aiohttp

    latencies, errors = [], 0
    deadline = time.monotonic() + duration
    connector = aiohttp.TCPConnector(limit=connections)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def worker():
            nonlocal errors
            while time.monotonic() < deadline:
                started = time.perf_counter()
                async with session.get(url, allow_redirects=False) as response:
                    await response.read()
                    if response.status >= 400:
                        errors += 1
                latencies.append((time.perf_counter() - started) * 1000)

        started = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(connections)))
        return summarise(latencies, time.monotonic() - started, errors)


def page_load(url, duration, connections):
    if shutil.which("wrk"):
        return wrk_load(url, duration, connections)
    return asyncio.run(aiohttp_get_load(url, duration, connections))


def set_cookies(response):
    """name -> value of the Set-Cookie headers (secure cookies included: the bench talks plain
    HTTP to a production-configured server, as a TLS-terminating proxy would)."""
    cookies = {}
    for header in response.headers.getall("Set-Cookie", []):
        name, _, rest = header.partition("=")
        cookies[name.strip()] = rest.split(";", 1)[0]
    return cookies


def cookie_header(cookies):
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


class FormParser(HTMLParser):
    """The fields of the first POST form holding a CSRF token: name -> description."""

    def __init__(self):
        super().__init__()
        self.forms, self.current, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.current = {"action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self.current)
        if self.current is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            field = self.current["fields"].setdefault(
                name, {"tag": "input", "type": kind, "required": "required" in attrs,
                       "value": attrs.get("value", ""), "options": [], "checked": []})
            if kind in ("checkbox", "radio"):
                field["options"].append(attrs.get("value", "on"))
                if "checked" in attrs:
                    field["checked"].append(attrs.get("value", "on"))
        elif tag == "select" and name:
            self.select = self.current["fields"].setdefault(
                name, {"tag": "select", "type": "select", "required": "required" in attrs,
                       "multiple": "multiple" in attrs, "value": "", "options": [],
                       "checked": []})
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            self.select["options"].append(value)
            if "selected" in attrs:
                self.select["checked"].append(value)
        elif tag == "textarea" and name:
            self.textarea = self.current["fields"].setdefault(
                name, {"tag": "textarea", "type": "textarea", "required": "required" in attrs,
                       "value": "", "options": [], "checked": []})

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea["value"] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.current = None


def registration_form(html):
    parser = FormParser()
    parser.feed(html)
    for form in parser.forms:
        if "csrfmiddlewaretoken" in form["fields"]:
            return form
    return None


DATE_HINTS = {"arrival": 1, "departure": 3, "birth": -15000, "issued": -1500, "expir": 3000}
PREFERRED = {"role": "delegate", "honorific": "Ms."}


def fill_registration(fields, email, serial, start_date, rng):
    """Form data a careful delegate would send: every required field, the consent boxes, a
    member chosen at random, a unique email in every email field."""
    data = {}
    for name, field in fields.items():
        kind, lowered = field["type"], name.lower()
        if kind == "hidden":
            data[name] = field["value"]
        elif kind == "email" or "email" in lowered:
            data[name] = email
        elif kind == "select":
            options = [value for value in field["options"] if value]
            if not options:
                continue
            if lowered == "member" or lowered.endswith("member"):
                data[name] = rng.choice(options)
            elif PREFERRED.get(lowered) in options:
                data[name] = PREFERRED[lowered]
            elif field["checked"] and field["checked"][0]:
                data[name] = field["checked"][0]
            elif field["required"]:
                data[name] = options[0]
        elif kind == "checkbox":
            if field["required"] or any(word in lowered for word in ("consent", "privacy",
                                                                     "agree", "accept")):
                data[name] = field["options"][0]
            elif field["checked"]:
                data[name] = field["checked"][0]
        elif kind == "radio":
            if field["checked"] or field["required"]:
                data[name] = (field["checked"] or field["options"])[0]
        elif kind == "date":
            hint = next((days for word, days in DATE_HINTS.items() if word in lowered), None)
            if hint is not None or field["required"]:
                data[name] = (start_date + dt.timedelta(days=hint or 1)).isoformat()
        elif kind in ("submit", "button", "reset", "file"):
            continue
        elif lowered in ("given_name", "first_name"):
            data[name] = "Bench"
        elif lowered in ("family_name", "last_name"):
            data[name] = f"Client {serial}"
        elif "phone" in lowered:
            data[name] = "+000 555 0100"
        elif field["value"]:
            data[name] = field["value"]
        elif field["required"]:
            data[name] = "1" if kind == "number" else "Bench"
    return data


def first_error(html):
    found = re.findall(r'class="[^"]*(?:invalid-feedback|errorlist|alert-danger)[^"]*"[^>]*>'
                       r"(.*?)</", html, flags=re.S)
    text = " | ".join(re.sub(r"<[^>]+>|\s+", " ", item).strip() for item in found[:3])
    return text or re.sub(r"\s+", " ", html)[:200]


async def registration_load(base, meeting, clients, duration, rate=None, meter=None,
                            timeline=None):
    """`clients` visitors each fetch the form once (CSRF cookie and token), then submit it
    again and again with a new email until the time is up. Only the POSTs are timed.

    With `rate`, the clients together offer that many submissions per second (each waits
    for its next turn, as people do who fill a form in); a slot missed because the server was
    slow is dropped, so a slow server shows as fewer submissions per second. Without it,
    each client submits again as soon as it has its answer (the saturation throughput).
    `meter` (a CpuMeter) is started once the forms are fetched, before the first POST.
    `timeline`, a list, receives (wall-clock time sent, milliseconds) of every POST."""
    import aiohttp

    form_url = f"{base}/meetings/{meeting.slug}/register/"
    run = secrets.token_hex(3)
    latencies, outcomes, failures = [], {}, []
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout,
                                     cookie_jar=aiohttp.DummyCookieJar()) as session:

        async def prepare():
            async with session.get(form_url) as response:
                html = await response.text()
                if response.status != 200:
                    raise SystemExit(f"GET {form_url} answered {response.status}")
                return set_cookies(response), registration_form(html)

        prepared = await asyncio.gather(*(prepare() for _ in range(clients)))
        if prepared[0][1] is None:
            return None
        action = urllib.parse.urljoin(form_url, prepared[0][1]["action"] or form_url)
        interval = clients / rate if rate else 0
        if meter:
            meter.start()
        start = time.monotonic()
        deadline = start + duration

        async def client(number, cookies, form):
            rng = random.Random(number)  # noqa: S311 - load data, not secrets
            serial = 0
            headers = {"Cookie": cookie_header(cookies), "Referer": form_url}
            turn = start + rng.uniform(0, interval)
            while turn < deadline:
                await asyncio.sleep(max(0, turn - time.monotonic()))
                serial += 1
                email = f"bench-{run}-{number}-{serial}@example.org"
                data = fill_registration(form["fields"], email, f"{number}-{serial}",
                                         meeting.start_date, rng)
                started, sent_at = time.perf_counter(), time.time()
                try:
                    async with session.post(action, data=data, headers=headers,
                                            allow_redirects=False) as response:
                        body = await response.text()
                        status = response.status
                except (TimeoutError, aiohttp.ClientError) as error:
                    body, status = repr(error), "no answer"
                latencies.append((time.perf_counter() - started) * 1000)
                if timeline is not None:
                    timeline.append((sent_at, latencies[-1]))
                outcomes[status] = outcomes.get(status, 0) + 1
                if status not in (301, 302, 303) and len(failures) < 3:
                    failures.append(f"{status}: {first_error(body)}")
                turn += interval
                if rate and turn < time.monotonic():
                    # Missed turns are dropped, not sent in a burst afterwards.
                    turn += -(-(time.monotonic() - turn) // interval) * interval
                elif not rate:
                    turn = time.monotonic()

        await asyncio.gather(*(client(n, c, f) for n, (c, f) in enumerate(prepared)))
        elapsed = duration if rate else time.monotonic() - start
    redirected = sum(n for status, n in outcomes.items() if status in (301, 302, 303))
    result = summarise(latencies, elapsed, errors=sum(outcomes.values()) - redirected)
    result.update({"accepted": redirected, "accepted_per_s": redirected / elapsed,
                   "offered_per_s": rate, "statuses": outcomes, "failures": failures})
    return result


def registration_wrk_load(base, meeting, clients, duration, meter):
    """The saturated registration load by wrk (scripts/wrk_registrations.lua): `clients`
    connections posting the form as fast as they are answered, each submission with its own
    address, so that the load client's own work (a tenth of an aiohttp client's) leaves the
    cores to the server. The form is fetched once: its CSRF cookie and token serve every
    submission. wrk's CPU is charged to the load client in `meter`."""
    import resource

    import aiohttp

    form_url = f"{base}/meetings/{meeting.slug}/register/"

    async def fetch():
        async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session, \
                session.get(form_url) as response:
            return set_cookies(response), registration_form(await response.text())

    cookies, form = asyncio.run(fetch())
    if form is None:
        return None
    action = urllib.parse.urljoin(form_url, form["action"] or form_url)
    run = secrets.token_hex(3)
    with tempfile.NamedTemporaryFile("w", prefix="bench-bodies-", suffix=".txt") as bodies:
        for number in range(max(clients, 50)):
            data = fill_registration(form["fields"], f"bench-{run}-SERIALX@example.org",
                                     "SERIALX", meeting.start_date, random.Random(number))
            bodies.write(urllib.parse.urlencode(data) + "\n")
        bodies.flush()
        command = ["wrk", "-t2", f"-c{clients}", f"-d{max(1, int(round(duration)))}s",
                   "--timeout", "30s", "-s", str(ROOT / "scripts" / "wrk_registrations.lua"),
                   action, "--", bodies.name, cookie_header(cookies), form_url]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        meter.start()
        report = run_wrk(command)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    meter.extra["load client"] = (after.ru_utime - before.ru_utime
                                  + after.ru_stime - before.ru_stime)
    seconds = report["duration_us"] / 1e6
    errors = report["refused"] + report["socket_errors"]
    return {"requests": report["requests"], "rps": report["requests"] / seconds,
            "p50_ms": report["p50_us"] / 1000, "p95_ms": report["p95_us"] / 1000,
            "p99_ms": report["p99_us"] / 1000, "errors": errors, "seconds": seconds,
            "accepted": report["accepted"], "accepted_per_s": report["accepted"] / seconds,
            "offered_per_s": None, "statuses": {"3xx": report["accepted"],
                                                "other": report["refused"],
                                                "no answer": report["socket_errors"]},
            "failures": [first_error(report["failure"])] if report["failure"] else []}


# The import as the secretariat's pages run it (`secretariat.imports`: the file read, its
# rows staged, previewed, then imported under the seat rules, each person logged and mailed),
# in a process of its own with the server's settings; prints its timings as JSON.
IMPORT_SCRIPT = """
import json, sys, time
import django
django.setup()
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from meetings.models import Meeting, Member
from secretariat import imports
meeting = Meeting.objects.get(slug=sys.argv[1])
member = Member.objects.get(code=sys.argv[2])
actor, _ = get_user_model().objects.get_or_create(username="bench-importer",
                                                  defaults={"is_staff": True})
content = sys.stdin.buffer.read()
started = time.time()
table = imports.read_table(SimpleUploadedFile("delegation.csv", content, "text/csv"))
imports.stage_rows(meeting=meeting, member=member, rows=table.rows,
                   ignored_columns=table.ignored_columns, actor=actor)
batch = imports.staged_batch(meeting=meeting, actor=actor)
rows = imports.preview(batch.rows, meeting=meeting, member=member)
previewed = time.time()
result = imports.import_rows(meeting=meeting, member=member, rows=rows, actor=actor)
batch.delete()
print(json.dumps({"rows": len(rows), "valid": sum(row.valid for row in rows),
                  "started": started, "previewed": previewed, "done": time.time(),
                  "summary": str(result.summary)}))
"""


async def import_under_load(base, env, meeting, member_code, clients, rate):
    """IMPORT_ROWS people of one delegation imported into `meeting` while `clients` offer
    `rate` public registrations per second to the same meeting; the registrations sent while
    the import ran are the ones that count."""
    run = secrets.token_hex(3)
    content = ("Given name,Family name,Email,Role\n" + "".join(
        f"Imported,Delegate {n},bench-import-{run}-{n}@example.org,delegate\n"
        for n in range(IMPORT_ROWS))).encode()
    timeline = []
    load = asyncio.create_task(registration_load(
        base, meeting, clients, IMPORT_SECONDS + 4, rate=rate, timeline=timeline))
    deadline = time.monotonic() + 30
    while not timeline and time.monotonic() < deadline:  # until the clients are posting
        await asyncio.sleep(0.05)
    # The import runs as the worker would run its job: at the worker's priority.
    process = await asyncio.create_subprocess_exec(
        *NICE, PYTHON, "-c", IMPORT_SCRIPT, meeting.slug, member_code, cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "asem_customs.settings"},
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = await process.communicate(content)
    load_result = await load
    if process.returncode != 0:
        print(f"  the import failed: {err.decode()[-2000:]}")
        return None
    found = json.loads(out.decode().strip().splitlines()[-1])
    during = sorted(ms for sent, ms in timeline if found["started"] <= sent <= found["done"])
    found.update({
        "preview_s": found["previewed"] - found["started"],
        "import_s": found["done"] - found["previewed"],
        "total_s": found["done"] - found["started"],
        "registrations_during": len(during),
        "registration_p95_ms": summarise(during, 1)["p95_ms"] if during else None,
        "registration_statuses": load_result["statuses"] if load_result else None,
    })
    return found


async def staff_login(session, base, password):
    login_url = f"{base}/admin/login/"
    async with session.get(login_url) as response:
        cookies = set_cookies(response)
        form = registration_form(await response.text())
    data = {name: field["value"] for name, field in form["fields"].items()
            if field["type"] == "hidden"}
    data.update({"username": BENCH_USERNAME, "password": password, "next": "/admin/"})
    async with session.post(login_url, data=data, allow_redirects=False,
                            headers={"Cookie": cookie_header(cookies)}) as response:
        cookies.update(set_cookies(response))
        if response.status != 302 or "sessionid" not in cookies:
            raise SystemExit(f"Bench staff login failed ({response.status}).")
    return cookies


async def csv_load(base, path, password, clients, duration, worker_pids):
    """Download the whole CSV again and again; sample the workers' RSS meanwhile."""
    import aiohttp

    baseline = {pid: rss_mb(pid) for pid in worker_pids}
    peaks = dict(baseline)
    latencies, rows, errors = [], None, 0
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout,
                                     cookie_jar=aiohttp.DummyCookieJar()) as session:
        cookies = await staff_login(session, base, password)
        headers = {"Cookie": cookie_header(cookies)}
        deadline = time.monotonic() + duration
        done = asyncio.Event()

        async def sample():
            while not done.is_set():
                for pid in worker_pids:
                    value = rss_mb(pid)
                    if value is not None and value > (peaks.get(pid) or 0):
                        peaks[pid] = value
                await asyncio.sleep(0.02)

        async def client():
            nonlocal rows, errors
            while time.monotonic() < deadline:
                started = time.perf_counter()
                lines, status = 0, None
                try:
                    async with session.get(f"{base}{path}", headers=headers,
                                           allow_redirects=False) as response:
                        async for chunk in response.content.iter_chunked(64 * 1024):
                            lines += chunk.count(b"\n")
                        status = response.status
                except (TimeoutError, aiohttp.ClientError):
                    status = None
                latencies.append((time.perf_counter() - started) * 1000)
                if status != 200:
                    errors += 1
                    break
                if rows is None:
                    rows = max(lines - 1, 0)

        sampler = asyncio.create_task(sample())
        started = time.monotonic()
        await asyncio.gather(*(client() for _ in range(clients)))
        elapsed = time.monotonic() - started
        done.set()
        await sampler
    growth = max(((peaks[pid] or 0) - (baseline[pid] or 0) for pid in worker_pids), default=0)
    result = summarise(latencies, elapsed, errors)
    result.update({"rows": rows, "worker_rss_growth_mb": growth})
    return result


# --------------------------------------------------------------------------- report


def ratio(value, reference):
    return value / reference if reference else float("nan")


def print_table(results, healthz):
    print()
    print(f"{'target':<26}{'req/s':>9}{'x hz':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
          f"{'  x hz p50/p95/p99':>22}{'errors':>8}")
    for name, r in results.items():
        if not r:
            print(f"{name:<26}  (not measured)")
            continue
        latency_ratios = "/".join(f"{ratio(r[k], healthz[k]):.1f}"
                                  for k in ("p50_ms", "p95_ms", "p99_ms"))
        print(f"{name:<26}{r['rps']:>9.1f}{ratio(r['rps'], healthz['rps']):>7.2f}"
              f"{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}{r['p99_ms']:>9.1f}"
              f"{latency_ratios:>22}{r['errors']:>8}")


def verdict(ok):
    return "MET   " if ok else "MISSED"


def print_performance_two(results, healthz, csv_http, documents, cold_page=None,
                          registration_cost=None, imported=None):
    """The targets of Performance II (issue 18), each MET or MISSED."""
    print("\nTargets of Performance II:")
    for name in CACHED_PAGES:
        if results.get(name):
            value = ratio(results[name]["rps"], healthz["rps"])
            print(f"  {verdict(value >= CACHED_PAGE_RATIO)} cached {name}: {value:.2f} x "
                  f"healthz (>= {CACHED_PAGE_RATIO})")
    saturated, offered = results.get("registration, saturated"), results.get(
        "registration (POST)")
    if saturated:
        value = ratio(saturated["accepted_per_s"], healthz["rps"])
        print(f"  {verdict(value >= SATURATED_REGISTRATION_RATIO)} registrations, saturated: "
              f"{saturated['accepted_per_s']:.1f}/s = {value:.3f} x healthz "
              f"(>= {SATURATED_REGISTRATION_RATIO})")
    if offered:
        print(f"  {verdict(offered['p95_ms'] < OFFERED_REGISTRATION_P95_MS)} registrations at "
              f"{offered['offered_per_s']:g}/s offered: p95 {offered['p95_ms']:.0f} ms "
              f"(< {OFFERED_REGISTRATION_P95_MS})")
    if csv_http:
        seconds = csv_http["p50_ms"] / 1000
        print(f"  {verdict(seconds < CSV_SECONDS)} CSV of {csv_http['rows']} rows over HTTP: "
              f"{seconds:.2f} s (< {CSV_SECONDS})")
    for name, (rows, limit) in DOCUMENT_SECONDS.items():
        if name in documents:
            seconds = documents[name]["seconds"]
            print(f"  {verdict(seconds < limit)} {name} ({rows} rows): {seconds:.2f} s "
                  f"(< {limit:g})")
    if cold_page:
        print(f"  {verdict(cold_page['median_ms'] < COLD_PAGE_MS)} cold meeting page (held "
              f"meeting, 100,000 registrations in the database), in-process: "
              f"{cold_page['median_ms']:.1f} ms (< {COLD_PAGE_MS}), {cold_page['queries']} "
              f"queries; the large meeting's page, listing 50,000 names: "
              f"{cold_page['large_meeting_ms'] or 0:.0f} ms")
    if registration_cost:
        large, small = registration_cost["large"], registration_cost["small"]
        growth = large["median_ms"] / small["median_ms"]
        print(f"  {verdict(growth <= REGISTRATION_COST_GROWTH)} one registration at "
              f"{large['registrations']} registrations: {large['median_ms']:.1f} ms, at "
              f"{small['registrations']}: {small['median_ms']:.1f} ms = {growth:.2f} x "
              f"(<= {REGISTRATION_COST_GROWTH})")
    if imported:
        ok = (imported["total_s"] < IMPORT_SECONDS and imported["registration_p95_ms"] is not None
              and imported["registration_p95_ms"] < IMPORT_REGISTRATION_P95_MS)
        p95 = imported["registration_p95_ms"]
        print(f"  {verdict(ok)} import of {imported['valid']} rows under load: previewed in "
              f"{imported['preview_s']:.2f} s, imported in {imported['import_s']:.2f} s, "
              f"{imported['total_s']:.2f} s in all (< {IMPORT_SECONDS}); the "
              f"{imported['registrations_during']} public registrations sent meanwhile: p95 "
              f"{p95 if p95 is None else round(p95)} ms (< {IMPORT_REGISTRATION_P95_MS}); "
              f"{imported['summary']}")
    else:
        print(f"  {verdict(False)} import of {IMPORT_ROWS} rows under load: not measured")


def main():
    sys.stdout.reconfigure(line_buffering=True)  # in order with the commands' own output
    args = parse_args()
    started = time.monotonic()
    load_before = [round(value, 2) for value in os.getloadavg()]
    print(f"Load average before the run (1, 5, 15 min): {load_before}; other processes on "
          "this machine skew every figure, the ratios to /healthz least.")
    env = server_environment()
    ensure_database(env["DATABASE_URL"])
    print(f"Database {env['DATABASE_URL']}, cache {env['CACHE_URL']}")
    manage(env, "migrate", "--noinput", "-v", "0")
    if not args.no_seed:
        manage(env, "seed_scale", "--reset", "--meetings", str(args.meetings),
               "--registrations", str(args.registrations), "--large-meeting", str(args.csv_rows))
    manage(env, "collectstatic", "--noinput", "-v", "0")
    flush_bench_cache(env["CACHE_URL"])
    setup_django(env)
    objects = bench_objects(args.meetings)
    from django.db import connection

    print("Measuring the registrations admin changelist in-process...")
    admin = measure_admin_changelist(objects["user"])
    csv_path = participants_csv_path(objects["large"]) if objects["large"] else None
    csv_memory = None
    if csv_path:
        print(f"Measuring the CSV list of participants in-process ({csv_path})...")
        csv_memory = measure_csv_in_process(objects["user"], csv_path)
    documents = {}
    cold_page = registration_cost = None
    if objects["large"]:
        print("Measuring the lists and documents in-process...")
        documents = measure_documents(objects["large"])
        print("Measuring a cold meeting page and one registration at 10 and 50,000...")
        # The page under load (a held meeting, 223 published names), 100,000 registrations
        # in the database; the large meeting's page, which lists 50,000, for the record.
        cold_page = measure_cold_meeting_page(objects["held"])
        cold_page["large_meeting_ms"] = (measure_cold_meeting_page(objects["large"])
                                         or {}).get("median_ms")
        registration_cost = measure_registration_cost(objects["large"], objects["open"])
    connection.close()

    workers = int(os.environ.get("BENCH_WORKERS") or 2 * (os.cpu_count() or 1) + 1)
    held, plan = objects["held"], objects["plan"]
    pages = {
        "GET /healthz": "/healthz",
        "home": "/",
        "meeting": held.get_absolute_url(),
        "agenda": f"{held.get_absolute_url()}agenda/",
        "action plan": plan.get_absolute_url() if plan else None,
        "member": f"/members/{objects['member'].code.lower()}/",
        "topic": objects["topic"].get_absolute_url() if objects["topic"] else None,
        "documents": f"{held.get_absolute_url()}documents/",
    }
    results = {}
    tool = "wrk" if shutil.which("wrk") else "aiohttp"
    print(f"Serving with gunicorn, {workers} workers; load by {tool} over loopback, "
          f"{args.duration:g} s per target.")
    with Server(env, args.port, workers) as server:
        for path in pages.values():  # warm every worker's caches and connections
            for _ in range(workers * 3):
                if path and get(f"{server.base}{path}") != 200:
                    print(f"  warning: {path} does not answer 200; see {server.log}")
                    break
        # Rounds of a few seconds per target in turn, /healthz included, so that other work
        # on the machine weighs on every target alike and the ratios stay fair.
        rounds = {name: [] for name, path in pages.items() if path}
        for name in rounds:
            print(f"  {name}: {pages[name]}")
        for _ in range(args.rounds):
            for name in rounds:
                rounds[name].append(page_load(f"{server.base}{pages[name]}",
                                              args.duration / args.rounds, args.connections))
                server.drain()
        results.update({name: combine(runs) for name, runs in rounds.items()})
        print(f"  registration: POST {objects['open'].slug}/register/, {args.clients} clients "
              f"offering {args.rate:g}/s, then as fast as they are answered")
        results["registration (POST)"] = asyncio.run(registration_load(
            server.base, objects["open"], args.clients, args.duration, rate=args.rate
        ))
        server.drain()
        meter = CpuMeter(server)
        if tool == "wrk":
            results["registration, saturated"] = registration_wrk_load(
                server.base, objects["open"], args.clients, args.duration, meter)
        else:
            results["registration, saturated"] = asyncio.run(registration_load(
                server.base, objects["open"], args.clients, args.duration, meter=meter))
        drained = mail_drained(bool(server.worker))
        cpu_spent = meter.stop()  # the mail of the load sent too
        print(f"  import of {IMPORT_ROWS} rows into {objects['open'].slug} while "
              f"{args.clients} clients offer {args.rate:g} registrations per second")
        imported = asyncio.run(import_under_load(
            server.base, env, objects["open"], "VN", args.clients, args.rate))
        mail_drained(bool(server.worker))
        if csv_path:
            print(f"  CSV list of participants: {csv_path}, {args.csv_clients} clients")
            results["CSV participants"] = asyncio.run(csv_load(
                server.base, csv_path, objects["password"], args.csv_clients, args.duration,
                server.worker_pids(),
            ))
        else:
            results["CSV participants"] = None
    over_capacity, over_cap = seat_check()
    open_statuses = status_counts(objects["open"])
    healthz = results["GET /healthz"]

    print_table(results, healthz)
    print(f"x hz: ratio to /healthz in the same rounds ({healthz['rps']:.1f} req/s); pages in "
          f"{args.rounds} rounds of {args.duration / args.rounds:g} s, percentiles averaged "
          "over the rounds.")
    registration = results["registration (POST)"]
    csv_http = results["CSV participants"]
    print()
    for label in ("registration (POST)", "registration, saturated"):
        run = results[label]
        if run is None:
            print(f"{label}: the page has no form with a CSRF token yet (not measured).")
            continue
        offered = f"{run['offered_per_s']:g}/s offered" if run["offered_per_s"] else "closed loop"
        print(f"{label} ({offered}): {run['accepted']} accepted "
              f"({run['accepted_per_s']:.1f}/s), answers {run['statuses']}")
        for failure in run["failures"]:
            print(f"  not accepted: {failure}")
    saturated = results["registration, saturated"]
    if saturated and saturated["accepted"]:
        per = {name: seconds * 1000 / saturated["accepted"] for name, seconds in cpu_spent.items()}
        total_ms = sum(per.values())
        print("CPU per registration of the saturated load (its mail sent included): "
              + ", ".join(f"{name} {ms:.1f} ms" for name, ms in per.items())
              + f"; {total_ms:.1f} ms in all: {os.cpu_count()} cores allow at most "
              f"{(os.cpu_count() or 1) * 1000 / total_ms:.0f} per second")
    if drained["by_worker"]:
        print(f"Mail of the submissions, sent by one Celery worker: {drained['sent']} sent, "
              f"{drained['unsent']} still queued {drained['seconds']:.1f} s after the load")
    else:
        print("Mail of the submissions sent in the requests (no Redis for a Celery broker): "
              f"{drained['sent']} sent, {drained['unsent']} queued")
    print(f"Seats after the load: {len(over_capacity)} meetings above capacity, "
          f"{len(over_cap)} delegations above the cap; {objects['open'].slug}: {open_statuses}")
    if csv_memory:
        print(f"CSV in-process: {csv_memory['rows']} rows, {csv_memory['bytes'] / MB:.1f} MB in "
              f"{csv_memory['seconds']:.2f} s, streaming={csv_memory['streaming']}, "
              f"peak Python memory growth {csv_memory['peak_growth_mb']:.1f} MB (tracemalloc)")
    if csv_http:
        print(f"CSV over HTTP: {csv_http['rows']} rows, worker RSS growth "
              f"{csv_http['worker_rss_growth_mb']:.1f} MB")
    for row in admin:
        print(f"Admin registrations changelist, {row['rows']} rows: median "
              f"{row['median_ms']:.0f} ms (max {row['max_ms']:.0f}), {row['queries']} queries")

    print("\nTargets:")
    for name, minimum in TARGETS.items():
        value = ratio(results[name]["rps"], healthz["rps"])
        print(f"  {verdict(value >= minimum)} {name}: {value:.2f} x healthz (>= {minimum})")
    if registration:
        ok = (registration["accepted_per_s"] >= REGISTRATIONS_PER_SECOND
              and registration["p95_ms"] < REGISTRATION_P95_MS and not registration["errors"])
        print(f"  {verdict(ok)} registration: {registration['accepted_per_s']:.1f}/s "
              f"(>= {REGISTRATIONS_PER_SECOND}), p95 {registration['p95_ms']:.0f} ms "
              f"(< {REGISTRATION_P95_MS}), {registration['errors']} not accepted")
    else:
        print(f"  {verdict(False)} registration: no form to submit")
    print(f"  {verdict(not over_capacity and not over_cap)} no seat above the limits")
    if csv_memory:
        ok = csv_memory["streaming"] and csv_memory["peak_growth_mb"] < CSV_MEMORY_MB
        print(f"  {verdict(ok)} CSV streamed={csv_memory['streaming']}, peak growth "
              f"{csv_memory['peak_growth_mb']:.1f} MB (< {CSV_MEMORY_MB}) for "
              f"{csv_memory['rows']} rows")
    else:
        print(f"  {verdict(False)} CSV list of participants: no staff URL found")
    at_50k = next((row for row in admin if row["label"] == "50,000"), admin[0])
    ten = admin[-1]
    ok = at_50k["median_ms"] < ADMIN_MS and at_50k["queries"] == ten["queries"]
    print(f"  {verdict(ok)} admin changelist at {at_50k['rows']} rows: "
          f"{at_50k['median_ms']:.0f} ms (< {ADMIN_MS}), {at_50k['queries']} queries "
          f"vs {ten['queries']} at {ten['rows']} rows")
    print_performance_two(results, healthz, csv_http, documents, cold_page,
                          registration_cost, imported)
    total = time.monotonic() - started
    print(f"\nMachine: {machine()}; {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; "
          f"bench took {total:.0f} s.")

    output = os.environ.get("BENCH_OUTPUT")
    if output:
        Path(output).write_text(json.dumps({
            "machine": machine(), "date": dt.datetime.now(dt.UTC).isoformat(),
            "cache": env["CACHE_URL"], "workers": workers, "tool": tool,
            "results": results, "admin": admin, "csv_in_process": csv_memory,
            "documents": documents, "mail_after_registrations": drained,
            "cpu_seconds_of_saturated_registrations": cpu_spent,
            "cold_meeting_page": cold_page, "registration_cost": registration_cost,
            "import_under_load": imported,
            "over_capacity": over_capacity, "over_cap": over_cap,
            "open_meeting_statuses": open_statuses,
        }, indent=2, default=str))


if __name__ == "__main__":
    main()
