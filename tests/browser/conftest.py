"""Real-browser tests: Playwright driving Debian's Chromium, with axe-core on every page.

One browser serves the whole test session; each test gets a fresh context (no shared cookies).
"""

import os
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests import builders

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("FAIRHEAR_CHROMIUM", "/usr/bin/chromium")
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
# tests themselves are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: install Debian's chromium package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class AccessiblePage:
    """A browser page that knows which pages it has loaded and which axe has checked."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.loads: list[str] = []
        self.checked = 0
        page.on("load", lambda: self.loads.append(page.url))

    def goto(self, path: str) -> None:
        self.page.goto(self.base_url + path)
        self.assert_accessible()

    def assert_accessible(self) -> None:
        """Run axe-core on the current page: any WCAG 2.2 A or AA violation fails the test."""
        self.page.wait_for_load_state("load")
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            # evaluate() runs outside the page's Content Security Policy, which forbids injection.
            self.page.evaluate(AXE.read_text())
        results = self.page.evaluate(
            "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA
        )
        problems = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node["target"]) for node in v["nodes"])
            for v in results["violations"]
        ]
        assert not problems, f"axe found problems on {self.page.url}:\n" + "\n".join(problems)
        self.checked = len(self.loads)

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def visitor(
    browser: Browser, live_server: Any, request: pytest.FixtureRequest
) -> Iterator[AccessiblePage]:
    builders.census_equality_options()  # seeded by a migration, gone after another test's flush
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    visitor = AccessiblePage(context.new_page(), live_server.url)
    yield visitor
    failed = (
        getattr(request.node, "report_call", None) is not None and request.node.report_call.failed
    )
    if failed:
        visitor.screenshot("failed-" + re.sub(r"\W+", "-", request.node.name))
    unchecked = visitor.loads[visitor.checked :]
    context.close()
    if not failed:
        assert not unchecked, f"pages loaded but never checked with axe: {unchecked}"


def sign_in(visitor: AccessiblePage, username: str, password: str) -> None:
    visitor.goto("/staff/account/sign-in/")
    visitor.page.get_by_label("Username").fill(username)
    visitor.page.get_by_label("Password").fill(password)
    visitor.page.get_by_role("button", name="Sign in").click()
    visitor.assert_accessible()


def fill_date(page: Page, legend: str, day: date) -> None:
    """Fill a GOV.UK date input found by its legend."""
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def follow(visitor: AccessiblePage, name: str, *, role: str = "link") -> Page:
    """Click a link (or button) that loads a page, and check the page with axe."""
    visitor.page.get_by_role(role, name=name).click()  # type: ignore[arg-type]
    visitor.assert_accessible()
    return visitor.page


def submit(visitor: AccessiblePage, button: str) -> None:
    """Press a form's button, check the next page with axe, and expect no errors on it."""
    visitor.page.get_by_role("button", name=button).click()
    visitor.assert_accessible()
    expect(visitor.page.locator(".govuk-error-summary")).to_have_count(0)
