"""What the browser tests share: viewports, screenshots, the reflow check and signing in."""

from pathlib import Path

from django.urls import reverse

LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
NARROWEST = 320  # WCAG 1.4.10 reflow: no horizontal scrolling at 320 CSS pixels
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


def assert_reflows(page) -> None:
    """At 320 CSS pixels wide the page needs no horizontal scrolling."""
    size = page.viewport_size
    page.set_viewport_size({"width": NARROWEST, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size(size)
    assert width <= NARROWEST, f"{page.url} is {width}px wide at a {NARROWEST}px viewport"


def submit(page) -> None:
    """Press the submit button of the page's own form (not the language switch in the header)."""
    page.locator("main form button[type=submit], main form input[type=submit]").last.click()


def sign_in(page, email: str, password: str) -> None:
    page.goto(reverse("accounts:login"))
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    submit(page)
    page.wait_for_load_state()
