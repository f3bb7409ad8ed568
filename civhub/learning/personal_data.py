"""Learning's personal data (see core/personal_data.py): enrolments and interest in courses, the person's own
(by their e-mail address) and the ones they made for colleagues (only which and when: the colleague's name and
address are the colleague's data)."""

from django.utils.translation import gettext_lazy as _

from civhub.core import personal_data
from civhub.core.personal_data import Identity, Source, entered_by
from civhub.learning.models import Enrolment, Interest


def _learning(identity: Identity) -> list[dict]:
    enrolments = personal_data.values(
        Enrolment.objects.filter(identity.email_q("email")).order_by("pk"), "pk", "offering__course__title",
        "offering__start_date", "name", "email", "employer__organisation__name", "status", "created_at",
        "confirmed_at", "cancelled_at", "price", "invoice_address", "purchase_order")
    interests = personal_data.values(Interest.objects.filter(identity.email_q("email")).order_by("pk"), "pk",
                                     "course__title", "name", "email", "created_at")
    return ([{"enrolment": row} for row in enrolments] + [{"interest": row} for row in interests]
            + entered_by("learning.Enrolment", ("registered_by",), "offering__course__title", "created_at")(identity)
            + entered_by("learning.Interest", ("registered_by",), "course__title", "created_at")(identity))


def _erase_learning(identity: Identity) -> int:
    name, email = personal_data.erased_name(identity.user), personal_data.erased_email(identity.user)
    return (Enrolment.objects.filter(identity.email_q("email")).update(name=name, email=email, invoice_address="",
                                                                        submitted_from="")
            + Interest.objects.filter(identity.email_q("email")).update(name=name, email=email, submitted_from=""))


personal_data.register(Source(
    name="learning.enrolments",
    fields={"learning.Enrolment": ("name", "email", "registered_by"),
            "learning.Interest": ("name", "email", "registered_by")},
    export=_learning, erase=_erase_learning,
    description=_("Your enrolments for courses and your interest in courses, and the ones you made for "
                  "colleagues.")))
personal_data.impersonal("learning.Skill", "name", reason="the name of a skill")
