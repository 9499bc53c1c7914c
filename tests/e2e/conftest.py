"""Browser journeys: Playwright for Python driving the system's Chromium against the live server.

Each journey gets a `Journey` that takes a full-page screenshot of every step under
test-artifacts/screenshots/<journey>-<screen>/NN-step.png (PDFs it opens are kept there too)
and checks the page: a serious or critical axe-core violation, a page wider than the screen,
a JavaScript error or a console error fails the journey when it ends.

Chromium is the system's (/usr/bin/chromium, or CHROMIUM_PATH); without it the journeys skip,
except in CI (CI=true), where they fail.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

# Playwright's sync API keeps an asyncio event loop running in the test thread; Django then
# refuses ORM calls from that thread (SynchronousOnlyOperation) although they are plain
# synchronous calls between steps. Only the browser tests need this.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).resolve().parent.parent / "assets" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
SCREENS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    # The secretariat's usual laptop: the admin's lists must fit it.
    "laptop": {"viewport": {"width": 1366, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 1,
    },
}
BLOCKING_IMPACTS = ("serious", "critical")


def _running_in_ci():
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.hookimpl(trylast=True)  # after pytest-django has sorted the tests by database use
def pytest_collection_modifyitems(config, items):
    """Run the browser journeys last, together: Playwright's event loop runs in the main
    thread while they run, and they share one browser."""
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    if browser_items:
        others = [item for item in items if not item.get_closest_marker("browser")]
        items[:] = others + browser_items


@pytest.fixture(scope="package", autouse=True)
def _e2e_database(django_db_setup, django_db_blocker):
    """Start the journeys from an empty database and leave it as the migrations made it.

    Each journey restores the migrated content (members, groups: `serialized_rollback`) and
    empties the database when it ends. A transactional test that ran before may have
    emptied it too, and post_migrate then made content types again under new ids, which
    the restore would collide with: so empty it first.
    """
    from django.core.management import call_command
    from django.db import connection

    def empty():
        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)

    with django_db_blocker.unblock():
        empty()
    yield
    with django_db_blocker.unblock():
        empty()
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


@pytest.fixture(scope="package")
def chromium_browser(_e2e_database):
    """One headless Chromium for all the journeys."""
    if not CHROMIUM.exists():
        message = (
            f"Chromium is not installed at {CHROMIUM}: the browser journeys cannot run. "
            "Install it with `apt-get install chromium` (Debian) and run the tests again."
        )
        if _running_in_ci():
            pytest.fail(message)
        pytest.skip(message)
    from django.db import connections
    from playwright.sync_api import expect, sync_playwright

    # A loaded CI machine makes PDFs and pages slower than a laptop does.
    expect.set_options(timeout=10_000)

    # Django keeps its database connections per thread, but per asyncio context once an event
    # loop runs in the thread. Hand the thread's connections (which carry the serialized
    # content that `serialized_rollback` restores, and which an in-memory SQLite database
    # shares with the live server) over to that context, so the tests keep using them.
    thread_connections = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in thread_connections.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def e2e_data(demo, live_server, settings):
    """The demo loaded into the database the live server reads; links in mail point to the
    live server, and no page cached by an earlier test is served."""
    from django.core.cache import cache

    settings.SITE_URL = live_server.url
    cache.clear()
    return demo


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail a journey that went through but met problems on the way (see `Journey`)."""
    result = yield
    problems = [problem for journey in getattr(item, "journeys", []) for problem in
                journey.problems]
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)
    return result


@pytest.fixture
def open_journey(request, chromium_browser, live_server):
    """Start a journey: `open_journey("newcomer", screen="phone")` returns a `Journey`
    (`locale="fr-FR"`: a browser that asks for French)."""
    contexts = []
    request.node.journeys = []

    def _open(name, *, screen="desktop", locale=None):
        # `locale` ("vi-VN"): the browser's language, sent as Accept-Language.
        extra = {"locale": locale} if locale else {}
        context = chromium_browser.new_context(
            base_url=live_server.url,
            **extra,
            accept_downloads=True,
            # Bootstrap then skips its transitions: steady screenshots, no waiting on animations.
            reduced_motion="reduce",
            **SCREENS[screen],
        )
        context.set_default_timeout(20_000)
        # An init script runs through the DevTools protocol, so a Content-Security-Policy
        # without 'unsafe-inline' does not block it.
        context.add_init_script(path=str(AXE))
        contexts.append(context)
        journey = Journey(
            context.new_page(), name=f"{name}-{screen}", screen=screen, base_url=live_server.url
        )
        request.node.journeys.append(journey)
        return journey

    yield _open
    for context in contexts:
        context.close()


class Journey:
    """A person's way through the site, one screenshot and one check per step.

    The functional expectations of a journey stop it at once; the problems a step finds
    (accessibility, sideways scrolling, JavaScript or console errors) are collected so the
    journey goes on and every screenshot is taken, and fail the test when it ends.
    """

    def __init__(self, page, *, name, screen, base_url):
        self.page = page
        self.base_url = base_url
        self.name = name
        self.screen = screen
        self.folder = SCREENSHOTS / name
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.number = 0
        self.errors = []
        self.problems = []
        page.on("pageerror", lambda error: self.errors.append(f"JavaScript error: {error}"))
        page.on("console", self._console)

    @property
    def is_phone(self):
        return self.screen == "phone"

    def _console(self, message):
        url = message.location.get("url", "")
        # Browsers ask for /favicon.ico on their own; a missing one is not the page's error.
        # axe-core, run by `step`, may try an inline style the page's policy rightly blocks:
        # the checker's own message, not the page's.
        if (message.type == "error" and not url.endswith("/favicon.ico")
                and not url.endswith(AXE.name)):
            self.errors.append(f"console error: {message.text} ({url})")

    def step(self, label, *, axe=True):
        """Screenshot the page as it is now and check it: axe, JavaScript and console errors.

        `axe=False` for a page already checked in this journey (a form being filled in):
        axe takes a second or more on a long page."""
        self.number += 1
        self.page.wait_for_load_state("load")
        path = self.folder / f"{self.number:02d}-{_slug(label)}.png"
        self.page.screenshot(path=str(path), full_page=True)
        where = f"{self.name}, step {self.number} ({label}) at {self.page.url}"
        where += f"\n  screenshot: {path}"
        found, self.errors = [f"  {error}" for error in self.errors], []
        overflow = horizontal_overflow(self.page)
        if overflow:
            found.append(f"  {overflow}")
        violations = axe_violations(self.page) if axe else []
        if violations:
            found.append(format_violations(violations))
        if found:
            problem = "\n".join([where, *found])
            print(problem)  # shown at once with -s; all of them fail the test at its end
            self.problems.append(problem)
        return path


    def download(self, label, click):
        """Run `click` and keep the file it downloads (an attachment) next to the
        screenshots; return its path."""
        with self.page.expect_download() as info:
            click()
        download = info.value
        path = self._document_path(label, download.suggested_filename)
        download.save_as(path)
        return path

    def open_pdf(self, label, click):
        """Run `click`, which opens a PDF in the browser's viewer; keep the PDF next to the
        screenshots (with a picture of its first page when poppler-utils is installed),
        go back to the page before, and return the PDF's path."""
        pdfs = []
        page_before = self.page.url

        def keep_pdf(route):
            # The viewer replaces the body the page sees, so keep it on its way through.
            response = route.fetch()
            if response.headers.get("content-type", "").startswith("application/pdf"):
                pdfs.append((response.status, response.headers, response.body()))
            route.fulfill(response=response)

        self.page.route(f"{self.base_url}/**", keep_pdf)
        try:
            with self.page.expect_response(
                lambda r: r.headers.get("content-type", "").startswith("application/pdf")
            ):
                click()
        finally:
            self.page.unroute(f"{self.base_url}/**", keep_pdf)
        [(status, headers, body)] = pdfs
        assert status == 200, f"the PDF answered {status}"
        name = re.search(r'filename="([^"]+)"', headers["content-disposition"])
        path = self._document_path(label, name.group(1))
        path.write_bytes(body)
        if shutil.which("pdftoppm"):
            subprocess.run(  # noqa: S603 - fixed arguments, our own file
                ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",  # noqa: S607
                 str(path), str(path.with_suffix(""))],
                check=True, timeout=60,
            )
        # Not go_back(): the browser may still be opening the PDF in its viewer when the
        # answer has arrived, and a history step taken then navigates without the "load"
        # it waits for (a badge sheet under a loaded machine, 20 s). Opening the page again
        # is the same for the journey and never waits on the viewer.
        self.page.goto(page_before)
        return path

    def _document_path(self, label, filename):
        self.number += 1
        return self.folder / f"{self.number:02d}-{_slug(label)}-{filename}"


def _slug(label):
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


OVERFLOW_SCRIPT = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  if (root.scrollWidth <= width) { return null; }
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + [...el.classList].map((c) => "." + c).join("");
  const wide = [...document.body.querySelectorAll("*")]
    .filter((el) => el.getBoundingClientRect().right > width + 0.5)
    .filter((el) => !el.parentElement
      || el.parentElement.getBoundingClientRect().right <= width + 0.5)
    .slice(0, 5)
    .map((el) => name(el) + " (right edge at " + Math.round(el.getBoundingClientRect().right)
      + "px)");
  return {scrollWidth: root.scrollWidth, width, wide};
}"""


def horizontal_overflow(page):
    """A message when the page scrolls sideways (wider than the screen), else ''."""
    found = page.evaluate(OVERFLOW_SCRIPT)
    if not found:
        return ""
    return (
        f"the page is {found['scrollWidth']}px wide on a {found['width']}px screen "
        f"(it scrolls sideways); first elements sticking out: {', '.join(found['wide'])}"
    )


# Only violations, and only what the report prints, cross back from the browser: the full
# results (every pass, with its nodes) take longer to hand over than axe takes to run.
# Every rule axe runs by default (WCAG 2.0–2.2 A and AA, and its best practices), and WCAG
# 2.2's target size (2.5.8), which axe leaves off unless asked.
AXE_SCRIPT = """async (impacts) => {
  const results = await window.axe.run(document, {
    resultTypes: ["violations"], rules: {"target-size": {enabled: true}},
  });
  return results.violations.filter((v) => impacts.includes(v.impact)).map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target, html: n.html,
                                failureSummary: n.failureSummary})),
  }));
}"""


def axe_violations(page):
    """The serious and critical violations axe-core finds on the page."""
    return page.evaluate(AXE_SCRIPT, list(BLOCKING_IMPACTS))


def format_violations(violations):
    lines = [f"  {len(violations)} serious or critical accessibility violation(s):"]
    for violation in violations:
        lines.append(
            f"  [{violation['impact']}] {violation['id']}: {violation['help']}"
            f" ({violation['helpUrl']})"
        )
        for node in violation["nodes"][:10]:
            lines.append(f"      at {' '.join(node['target'])}")
            lines.append(f"         {node['html'][:200]}")
            summary = node.get("failureSummary", "").replace("\n", "\n         ")
            lines.append(f"         {summary}")
        if len(violation["nodes"]) > 10:
            lines.append(f"      … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)
