"""The office's lists: the centre's occupations and the education programmes that supply them."""

from django.db import transaction
from django.utils.translation import gettext as _

from civhub.core.audit import field_changes, record_event
from civhub.hca.errors import HcaError
from civhub.hca.models import EducationProgramme, Occupation
from civhub.hca.permissions import ensure_may_keep_programmes_of, ensure_may_manage


def save_occupation(*, actor, centre, occupation: Occupation | None = None, data: dict) -> Occupation:
    """Add (occupation None) or change an occupation of `centre`: its name (unique in the centre), ISCO code, order."""
    ensure_may_manage(actor, centre)
    with transaction.atomic():
        _refuse_if_taken(Occupation.objects.filter(centre=centre, name__iexact=data["name"]), occupation,
                         _("The centre has an occupation with this name already."), field="name")
        # The stored row, locked: a ModelForm has already written the new values onto the instance it was given.
        occupation = (Occupation(centre=centre) if occupation is None
                      else Occupation.objects.select_for_update().get(pk=occupation.pk))
        changes = field_changes(occupation, data)
        _apply(occupation, data)
        record_event(occupation, actor=actor, action="occupation_saved", centre=centre, summary=occupation.name,
                     changes=changes)
    return occupation


def save_programme(*, actor, centre, programme: EducationProgramme | None = None, data: dict) -> EducationProgramme:
    """Add or change an education programme of `centre`: its school (a partner), code, level, graduates a year,
    the share entering the region and the occupations it trains for. The office, or the school itself."""
    school, occupations = data["school"], list(data["occupations"])
    # The office keeps every programme; a school its own (and cannot hand one to another school or take one over).
    ensure_may_keep_programmes_of(actor, school)
    if programme is not None:
        ensure_may_keep_programmes_of(actor, EducationProgramme.objects.select_related("school__organisation")
                                      .get(pk=programme.pk).school)
    if school.centre_id != centre.pk or any(item.centre_id != centre.pk for item in occupations):
        raise HcaError(_("The school and the occupations must be of this centre."))
    fields = {key: value for key, value in data.items() if key != "occupations"}
    with transaction.atomic():
        _refuse_if_taken(EducationProgramme.objects.filter(school=school, code=fields["code"]), programme,
                         _("This school has a programme with this code already."), field="code")
        programme = programme or EducationProgramme(centre=centre)
        _apply(programme, fields)
        programme.occupations.set(occupations)
        record_event(programme, actor=actor, action="education_programme_saved", centre=centre, summary=str(programme),
                     changes={**{key: str(value) for key, value in fields.items()},
                              "occupations": [item.name for item in occupations]})
    return programme


def _refuse_if_taken(same, instance, message: str, *, field: str) -> None:
    """Refuse on `field` when another row than `instance` matches `same` (a name or code that must be unique)."""
    if instance is not None:
        same = same.exclude(pk=instance.pk)
    if same.exists():
        raise HcaError(message, field=field)


def _apply(instance, values: dict) -> None:
    for key, value in values.items():
        setattr(instance, key, value)
    instance.save()
