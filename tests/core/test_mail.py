"""E-mails are plain text: what people typed (R&D, <angle brackets>, quotes) arrives as they typed it."""

from civhub.core.mail import render_mail
from tests.events.factories import EventFactory, RegistrationFactory


def test_subject_and_body_are_not_html_escaped(db, centre):
    event = EventFactory(centre=centre, title="R&D in het lab <open>")
    registration = RegistrationFactory(event=event, name="Fatima O'Brien")
    subject, body = render_mail("events/email/confirmed", {"registration": registration, "event": event,
                                                            "centre": centre, "site_url": "https://civhub.example"},
                                "nl")
    assert subject.endswith("R&D in het lab <open>")
    assert "Fatima O'Brien" in body and "R&D in het lab <open>" in body and "&amp;" not in body + subject
