"""The office's lists of the centre's occupations and the programmes that supply them."""

from django.db.models import Count

from civhub.hca.models import EducationProgramme, Occupation


def occupations_and_programmes(centre) -> dict:
    """The office's lists: the occupations with how many programmes supply each, and the programmes with their
    school and occupations (three queries)."""
    occupations = list(Occupation.objects.filter(centre=centre).annotate(programme_count=Count("programmes")))
    programmes = list(EducationProgramme.objects.filter(centre=centre)
                      .select_related("school__organisation").prefetch_related("occupations")
                      .order_by("school__organisation__name", "name"))
    return {"occupations": occupations, "programmes": programmes}


def school_programmes(school) -> list[EducationProgramme]:
    """One school's programmes with the occupations each trains for (two queries)."""
    return list(EducationProgramme.objects.filter(school=school).prefetch_related("occupations").order_by("name"))
