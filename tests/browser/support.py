"""What the browser tests share: viewports, screenshots, the reflow check, axe-core at two widths and signing in."""

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
NARROWEST = 320  # WCAG 1.4.10 reflow: no horizontal scrolling at 320 CSS pixels
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
BLOCKING = {"serious", "critical"}
AXE = Axe()


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


def blocking_violations(page) -> list[tuple[str, str, list]]:
    """axe-core's serious and critical findings (every rule it ships: WCAG 2.x A and AA, best practice) at the
    page's own width and at a phone's, 390 px: a table that fits a laptop may scroll, and need a keyboard stop,
    on a phone (`scrollable-region-focusable`). Each finding is (width, rule, the elements)."""
    size = page.viewport_size
    found = []
    for viewport in ([size, PHONE] if size["width"] != PHONE["width"] else [size]):
        page.set_viewport_size(viewport)
        found += [(f"{viewport['width']}px", v["id"], [node["target"] for node in v["nodes"]])
                  for v in AXE.run(page).response["violations"] if v["impact"] in BLOCKING]
    page.set_viewport_size(size)
    return found


def assert_accessible(page) -> None:
    """No serious or critical axe-core finding at the page's width nor at a phone's."""
    found = blocking_violations(page)
    report = "\n".join(f"- {width} {rule}: {nodes}" for width, rule, nodes in found)
    assert not found, f"axe-core on {page.url}:\n{report}"
