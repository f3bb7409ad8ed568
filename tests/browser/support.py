"""What the browser tests share: viewports, screenshots, the reflow check, axe-core at two widths and signing in
(with the code of the person's authenticator when they use two factors, tests/two_factor.py)."""

import threading
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.core.servers.basehttp import ThreadedWSGIServer
from django.urls import reverse

from civhub.accounts.models import User
from tests.two_factor import code_for, give_authenticator, needs_second_factor

LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
NARROWEST = 320  # WCAG 1.4.10 reflow: no horizontal scrolling at 320 CSS pixels
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
BLOCKING = {"serious", "critical"}
AXE = Axe()


# Held while the live server answers a request (see OneRequestAtATime).
SERVING = threading.Lock()


class OneRequestAtATime(ThreadedWSGIServer):
    """The live server, answering one request at a time (on SQLite, tests/browser/conftest.py): its threads share one
    in-memory database connection. Connections stay open and waiting; only the answering is taken in turns. A test
    that must see a page poll while another request waits (the import's progress) releases `SERVING` around the wait.
    """

    def set_app(self, application):
        def one_at_a_time(environ, start_response):
            with SERVING:
                return application(environ, start_response)

        super().set_app(one_at_a_time)


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


def images_loaded(page, selector: str = "main img") -> None:
    """Wait until every picture of the page's main part is drawn (lazy ones brought into view first). The live server
    shares one SQLite connection between its threads: a chart still loading while a download is asked for can break
    both requests ("bad parameter or other API misuse"), so a test settles the page before it downloads."""
    for image in page.locator(selector).all():
        image.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle(),
                               timeout=30_000)


def submit(page) -> None:
    """Press the submit button of the page's own form (not the language switch in the header), and wait for the page
    the server answers with: a busy machine may take longer than `wait_for_load_state()` waits for a navigation
    that has not started yet."""
    with page.expect_navigation():
        page.locator("main form button[type=submit], main form input[type=submit]").last.click()


def _authenticator_ready(email: str) -> bool:
    """Give a person who needs two factors an authenticator (the test key) before they sign in; True when they will
    be asked for its code. The live server waits meanwhile: its threads share the test database's connection."""
    with SERVING:
        user = User.objects.get(email__iexact=email)
        if not needs_second_factor(user):
            return False
        give_authenticator(user)
        return True


def _code(email: str) -> str:
    with SERVING:
        return code_for(User.objects.get(email__iexact=email))


def sign_in(page, email: str, password: str) -> None:
    """Sign in through the form; for the office and signatories also the code their authenticator shows now."""
    asked_for_code = _authenticator_ready(email)
    page.goto(reverse("accounts:login"))
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    submit(page)
    if asked_for_code:
        assert reverse("accounts:otp_verify") in page.url, f"{email} was not asked for a code ({page.url})"
        page.fill("input[name=code]", _code(email))
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


# Keyboard only (issue 14): Tab from stop to stop, checking on each that the focus can be seen, and check that what
# changed was announced. No clicks: a test that uses these reaches every control the way a keyboard user does.

_DESCRIBE_FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) { return "nothing (the body)"; }
  const name = (e.getAttribute("aria-label") || e.innerText || e.value || "").trim().replace(/\\s+/g, " ").slice(0, 60);
  const id = e.id ? "#" + e.id : "";
  const named = e.getAttribute("name") ? `[name=${e.getAttribute("name")}]` : "";
  const href = e.getAttribute("href") ? ` href=${e.getAttribute("href")}` : "";
  return `<${e.tagName.toLowerCase()}${id}${named}${href}> "${name}"`;
}"""

_FOCUS_INDICATOR = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) { return "nothing has the focus"; }
  // Chromium's calendar button inside a date field is a stop of its own: the field no longer matches :focus and
  // the browser draws its own ring around the button, which no style of the page reaches.
  if (/^(date|datetime-local|time|month|week)$/.test(e.type) && !e.matches(":focus")) { return ""; }
  const style = getComputedStyle(e);
  const box = e.getBoundingClientRect();
  if (box.width < 1 || box.height < 1) { return `it is ${box.width}x${box.height}px, too small to see`; }
  if (box.right <= 0 || box.bottom <= 0 || box.left >= innerWidth || box.top >= innerHeight) {
    return `it lies outside the window (${Math.round(box.left)}, ${Math.round(box.top)})`;
  }
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  return outline || shadow ? "" : `no outline (${style.outlineStyle} ${style.outlineWidth}) and no box-shadow`;
}"""


def focused(page) -> str:
    """The element with the focus, described for a failure message: tag, id, name, href and its text."""
    return page.evaluate(_DESCRIBE_FOCUS)


def assert_focus_visible(page) -> None:
    """The focused element shows a focus indicator (an outline of some width, or a box-shadow) and lies in view."""
    problem = page.evaluate(_FOCUS_INDICATOR)
    assert not problem, f"the focus on {focused(page)} on {page.url} is not visible: {problem}"


def _has_focus(page, target) -> bool:
    if callable(target):
        return bool(target(page))
    if isinstance(target, str):  # a CSS selector
        return page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", target)
    return target.evaluate_all("(found) => found.includes(document.activeElement)")  # a Locator; does not wait


def tab_to(page, target, *, max_tabs: int = 60, backwards: bool = False) -> None:
    """Press Tab (Shift+Tab when `backwards`) until `target` has the focus (no press when it has it already),
    checking the focus indicator on every stop on the way. `target` is a Locator, a CSS selector or a predicate
    `f(page) -> bool`. Fails naming the stops the focus went to."""
    key = "Shift+Tab" if backwards else "Tab"
    if _has_focus(page, target):  # already there (a field with autofocus, the focus a page moved)
        assert_focus_visible(page)
        return
    stops = []
    for _ in range(max_tabs):
        page.keyboard.press(key)
        stops.append(focused(page))
        if page.evaluate("document.activeElement === document.body"):
            continue  # past the last stop (to the browser's own bar); the next press starts from the top again
        assert_focus_visible(page)
        if _has_focus(page, target):
            return
    raise AssertionError(f"{target} never got the focus in {max_tabs} presses of {key} on {page.url}; "
                         f"the focus went to:\n  " + "\n  ".join(stops))


def type_into(page, target, text: str, *, max_tabs: int = 60) -> None:
    """Tab to a text field and type `text` (after selecting what it held, so it replaces it)."""
    tab_to(page, target, max_tabs=max_tabs)
    page.keyboard.press("ControlOrMeta+a")
    if text:
        page.keyboard.type(text)
    else:
        page.keyboard.press("Delete")


def type_date(page, iso: str) -> None:
    """Type a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM) into the focused date field, as a person does:
    part by part. Chromium lays its field out in its own language, not the page's (mm/dd/yyyy with AM/PM on a
    machine without Dutch), so first probe the order of day and month and whether the clock has AM/PM, then leave
    the field backwards and Tab into it again, which starts at its first part, and type over the probe."""
    day_part, _, clock = iso.partition("T")
    year, month, day = day_part.split("-")
    field = page.evaluate("document.activeElement.id")
    page.keyboard.type("01022003")
    if clock:
        page.keyboard.press("Tab")  # a year may have more than four digits: Tab goes on to the hour
        page.keyboard.type("1000P")  # P stands for PM where the clock has AM/PM
    probe = page.evaluate("document.activeElement.value")
    month_first, twelve_hours = probe.startswith("2003-01-02"), probe.endswith("T22:00")
    while page.evaluate("document.activeElement.id") == field:
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    page.keyboard.type(month + day + year if month_first else day + month + year)
    if clock:
        page.keyboard.press("Tab")
        hour, minute = (int(part) for part in clock.split(":"))
        if twelve_hours:
            page.keyboard.type(f"{hour % 12 or 12:02d}{minute:02d}" + ("P" if hour >= 12 else "A"))
        else:
            page.keyboard.type(f"{hour:02d}{minute:02d}")
    assert page.evaluate("document.activeElement.value") == iso, f"typed {iso} into {focused(page)}"


def press_and_wait(page, key: str = "Enter", *, timeout: float = 30_000) -> None:
    """Press a key that leads to a new page (a link, a submit button) and wait for that page to load (up to 30 s: some
    pages make a PDF, and the machine running the tests may be busy)."""
    with page.expect_navigation(timeout=timeout):
        page.keyboard.press(key)
    page.wait_for_load_state()


_ANNOUNCED = """([text, newPage]) => {
  const squash = (s) => (s || "").replace(/\\s+/g, " ").trim();
  const live = '[role=alert], [role=status], [role=log], [aria-live=polite], [aria-live=assertive]';
  const holders = [...document.querySelectorAll(live)].filter((e) => squash(e.textContent).includes(text));
  if (holders.some((e) => e.getAttribute("aria-live") !== "off")) { return "live region"; }
  const active = document.activeElement;
  if (active && active !== document.body && squash(active.textContent).includes(text)) { return "focus"; }
  const h1 = document.querySelector("main h1");
  if (newPage && (squash(document.title).includes(text) || (h1 && squash(h1.textContent).includes(text)))) {
    return "the new page's title";
  }
  return "";
}"""


def assert_announced(page, text: str, *, new_page: bool = False) -> None:
    """`text` is in a live region (role alert, status or log, or aria-live polite or assertive), or in the element
    that has the focus (an error summary or heading focused after a page load): a screen reader says it. With
    `new_page` (the text says where a link or form led) the page's title and its <h1>, read first on arrival, count."""
    how = page.evaluate(_ANNOUNCED, [" ".join(text.split()), new_page])
    assert how, (f"{text!r} on {page.url} is not in a live region nor in the focused element "
                 f"(the focus is on {focused(page)})")


def sign_in_by_keyboard(page, email: str, password: str, *, start: str = "/") -> None:
    """From the page `start`, follow the header's sign-in link and sign in, all by keyboard; lands where civhub sends
    the person (their centre's dashboard, portal or home)."""
    page.goto(start)
    tab_to(page, page.locator(f".site-header a[href='{reverse('accounts:login')}']"))
    press_and_wait(page)
    asked_for_code = _authenticator_ready(email)
    type_into(page, "input[name=username]", email)
    type_into(page, "input[name=password]", password)
    press_and_wait(page)  # Enter in a field sends its form
    if asked_for_code:
        assert reverse("accounts:otp_verify") in page.url, f"{email} was not asked for a code ({page.url})"
        type_into(page, "input[name=code]", _code(email))
        press_and_wait(page)
    assert reverse("accounts:login") not in page.url, f"signing in as {email} failed by keyboard"
