"""Editing the centre's public texts (the public centre page shows them): plain text in Dutch and English.

Each text is stored as {"nl": ..., "en": ...} (civhub/core/translated.py); the reasons are a list
of such texts. Every change is audited with the old and the new value.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.core.audit import record_event
from civhub.core.models import Centre, ProgrammeLine, PublicContact
from civhub.news.errors import NewsError
from civhub.news.sanitise import has_markup

LANGUAGES = ("nl", "en")
MAX_REASONS = 10
REASON_LENGTH = 300


@dataclass(frozen=True)
class CentreText:
    """One of the centre's translated texts: its field on Centre, a label and the longest text allowed."""

    field: str
    label: str
    max_length: int
    is_list: bool = False


CENTRE_TEXTS = {
    text.field: text
    for text in (
        CentreText("tagline", gettext_lazy("Tagline"), 200),
        CentreText("introduction", gettext_lazy("Introduction"), 1500),
        CentreText("aim", gettext_lazy("Aim"), 600),
        CentreText("reasons", gettext_lazy("Why the centre exists"), REASON_LENGTH * MAX_REASONS, is_list=True),
        CentreText("organisation_text", gettext_lazy("How the centre is organised"), 1500),
        CentreText("contribution_text", gettext_lazy("How partners contribute"), 1500),
        CentreText("course_terms", gettext_lazy("General course terms"), 3000),
    )
}
LINE_NAME_LENGTH = 120
LINE_DESCRIPTION_LENGTH = 800
POSITION_LENGTH = 120


def plain(value: str, *, max_length: int, label) -> str:
    """The text trimmed; NewsError when it holds HTML or is too long."""
    value = (value or "").replace("\r\n", "\n").strip()
    if has_markup(value):
        raise NewsError(_("%(label)s: use plain text; HTML tags are not allowed.") % {"label": label})
    if len(value) > max_length:
        raise NewsError(_("%(label)s: at most %(max)s characters, now %(length)s.")
                        % {"label": label, "max": max_length, "length": len(value)})
    return value


def translated(values: dict, *, max_length: int, label) -> dict:
    """{nl, en} from the posted texts, each checked; Dutch is required, English may stay empty."""
    texts = {language: plain(values.get(language, ""), max_length=max_length, label=label) for language in LANGUAGES}
    if not texts["nl"]:
        raise NewsError(_("%(label)s: the Dutch text is required.") % {"label": label})
    return {language: text for language, text in texts.items() if text}


def reason_list(values: dict) -> list[dict]:
    """The reasons from one line per reason in each language; the English lines go with the Dutch by order."""
    lines = {language: [line.strip() for line in (values.get(language) or "").splitlines() if line.strip()]
             for language in LANGUAGES}
    if len(lines["en"]) > len(lines["nl"]):
        raise NewsError(_("Give each English reason a Dutch one: there are more English lines than Dutch."))
    if len(lines["nl"]) > MAX_REASONS:
        raise NewsError(_("At most %(max)s reasons.") % {"max": MAX_REASONS})
    label = CENTRE_TEXTS["reasons"].label
    reasons = []
    for index, dutch in enumerate(lines["nl"]):
        english = lines["en"][index] if index < len(lines["en"]) else ""
        reasons.append(translated({"nl": dutch, "en": english}, max_length=REASON_LENGTH, label=label))
    return reasons


def save_centre_text(*, centre: Centre, actor, field: str, values: dict) -> Centre:
    """Change one of the centre's public texts (see CENTRE_TEXTS); `values` holds the "nl" and "en" text."""
    spec = CENTRE_TEXTS[field]
    new = reason_list(values) if spec.is_list else translated(values, max_length=spec.max_length, label=spec.label)
    with transaction.atomic():
        centre = Centre.objects.select_for_update().get(pk=centre.pk)
        old = getattr(centre, field)
        if old != new:
            setattr(centre, field, new)
            centre.save(update_fields=[field, "updated_at"])
            record_event(centre, actor=actor, action="public_text_changed", centre=centre, summary=str(spec.label),
                         changes={field: [old, new]})
    return centre


def save_line_text(*, line: ProgrammeLine, actor, names: dict, descriptions: dict) -> ProgrammeLine:
    """Change a programme line's name and description in both languages."""
    name = translated(names, max_length=LINE_NAME_LENGTH, label=_("Name"))
    description = {language: plain(descriptions.get(language, ""), max_length=LINE_DESCRIPTION_LENGTH,
                                   label=_("Description")) for language in LANGUAGES}
    description = {language: text for language, text in description.items() if text}
    with transaction.atomic():
        line = ProgrammeLine.objects.select_for_update().get(pk=line.pk)
        changes = {field: [getattr(line, field), value] for field, value in
                   (("name", name), ("description", description)) if getattr(line, field) != value}
        if changes:
            line.name, line.description = name, description
            line.save(update_fields=["name", "description"])
            record_event(line, actor=actor, action="public_text_changed", centre=line.centre,
                         summary=str(line), changes=changes)
    return line


def save_contact(*, contact: PublicContact, actor, data: dict, positions: dict) -> PublicContact:
    """Change a public contact person: name, position (both languages), phone and e-mail address."""
    name = plain(data.get("name", ""), max_length=200, label=_("Name"))
    if not name:
        raise NewsError(_("Name: give the contact person's name."))
    position = {language: plain(positions.get(language, ""), max_length=POSITION_LENGTH, label=_("Position"))
                for language in LANGUAGES}
    values = {"name": name, "position": {language: text for language, text in position.items() if text},
              "phone": plain(data.get("phone", ""), max_length=40, label=_("Phone")),
              "email": (data.get("email") or "").strip()}
    with transaction.atomic():
        contact = PublicContact.objects.select_for_update().get(pk=contact.pk)
        if PublicContact.objects.filter(centre_id=contact.centre_id, name=name).exclude(pk=contact.pk).exists():
            raise NewsError(_("There is already a contact person with this name."))
        changes = {field: [getattr(contact, field), value] for field, value in values.items()
                   if getattr(contact, field) != value}
        if changes:
            for field, value in values.items():
                setattr(contact, field, value)
            contact.save()
            record_event(contact, actor=actor, action="public_text_changed", centre=contact.centre,
                         summary=contact.name, changes=changes)
    return contact
