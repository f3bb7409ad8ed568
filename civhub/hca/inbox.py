"""The HCA's items in the inbox (core/inbox.py): open survey rounds an employer partner still has to answer."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.core.formatting import format_date
from civhub.core.inbox import Item
from civhub.hca.models import Occupation, SurveyRound, WorkforceAnswer
from civhub.hca.permissions import answering_partnerships


def rounds_to_answer(user, centre) -> list[Item]:
    """The open rounds each of the user's employer partners has not fully answered (four queries)."""
    partnerships = answering_partnerships(user, centre)
    if not partnerships:
        return []
    rounds = list(SurveyRound.objects.filter(centre=centre, closes_on__gte=timezone.localdate())
                  .order_by("reference_date", "pk"))
    if not rounds:
        return []
    occupations = Occupation.objects.filter(centre=centre).count()
    answered = {(row["survey_round_id"], row["partnership_id"]): row["occupations"]
                for row in WorkforceAnswer.objects.filter(survey_round__in=rounds, partnership__in=partnerships)
                .values("survey_round_id", "partnership_id").annotate(occupations=Count("occupation", distinct=True))}
    url = reverse("hca:survey", args=[centre.slug])
    if not occupations:
        return []
    return [Item(kind="hca.survey", group=_("Labour-market surveys to answer"),
                 title=_("%(partner)s: survey of %(date)s") % {
                     "partner": partnership.organisation.name,
                     "date": format_date(survey_round.reference_date)},
                 since=survey_round.opened_at, url=f"{url}?partner={partnership.short_code}",
                 action=_("Answer the survey"), order=70,
                 note=_("Open until %(date)s · %(answered)s of %(total)s occupations answered") % {
                     "date": format_date(survey_round.closes_on),
                     "answered": answered.get((survey_round.pk, partnership.pk), 0), "total": occupations})
            for survey_round in rounds for partnership in partnerships
            if answered.get((survey_round.pk, partnership.pk), 0) < occupations]
