"""Text in the iCalendar files civhub writes (the agenda's and the courses' feeds, a confirmation's attachment).

iCalendar text escapes `\\`, `;`, `,` and line breaks, and may hold no other control characters. icalendar
does that for the properties it knows (SUMMARY, LOCATION, DESCRIPTION) but writes an unknown one, such as
X-WR-CALNAME, as given: a centre's name or an event's title with a line break in it made the whole file
fail. Every text the feeds write therefore goes through `one_line` (names, titles, places) or `text`.
"""

import re

from icalendar import vText

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # control characters but tab and line feed


def one_line(value) -> vText:
    """A name, title or place as one line: line breaks, tabs and other control characters become one space."""
    return vText(" ".join(_CONTROL.sub(" ", str(value)).split()))


def text(value) -> vText:
    """A longer text (a description): line breaks kept as line feeds, other control characters left out."""
    return vText(_CONTROL.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n")))
