"""The workforce survey's pages: the partner's own (its rounds, an answer per occupation, its import and the
template) and the office's (the rounds, who answered, one partner's answer, an import for any partner).

A partner sees only its own answers: another partner's address is a 404, as is another centre's round or
occupation. The office's pages are the office's only (403 for the centre's other roles). After the round's
closing date a partner's answer is read-only; the office corrects it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from civhub.accounts.permissions import portal_required
from civhub.core.exports import download
from civhub.core.views import attempt, form_page, posted, posted_files
from civhub.hca.forms.survey import AnswerForm, RoundForm, SurveyFileForm, answer_initial
from civhub.hca.models import Occupation, SurveyRound
from civhub.hca.permissions import (
    answering_partnerships,
    answers_for,
    may_manage,
    office_pages_required,
    partner_pages_required,
)
from civhub.hca.selectors.survey import (
    centre_skills,
    is_open,
    open_round_of,
    partner_rounds,
    rounds_overview,
    stored_ratings,
    who_answered,
)
from civhub.hca.services.survey import closed_message, open_round, save_answer
from civhub.hca.survey_file import import_survey, template_table
from civhub.partners.models import CofinancingGroup, Partnership

# The partner's pages --------------------------------------------------------------------------------------------


def _own_partnerships(request, centre) -> list[Partnership]:
    """The employer partners the user answers for; 403 when none (a partner that is not an employer)."""
    partnerships = answering_partnerships(request.user, centre)
    if not partnerships:
        raise PermissionDenied
    return partnerships


def _own_partnership(request, centre, code: str) -> Partnership:
    """One of the user's own employer partners by its code; anyone else's is a 404."""
    found = next((item for item in answering_partnerships(request.user, centre) if item.short_code == code), None)
    if found is None:
        raise Http404
    return found


def _survey_url(centre, partnership) -> str:
    return reverse("hca:survey", args=[centre.slug]) + f"?partner={partnership.short_code}"


@partner_pages_required
def survey(request, centre):
    """The partner's survey: its rounds and, per occupation, whether it answered; a choice with several partners."""
    partnerships = _own_partnerships(request, centre)
    code = request.GET.get("partner")
    if code:
        partnership = _own_partnership(request, centre, code)
    elif len(partnerships) == 1:
        partnership = partnerships[0]
    else:
        return render(request, "hca/survey_choose.html", {"centre": centre, "partnerships": partnerships})
    return render(request, "hca/survey.html", {
        "centre": centre, "partnership": partnership, "rounds": partner_rounds(partnership),
        "several": len(partnerships) > 1})


def portal_section(request, partnership) -> dict | None:
    """The partner portal's section for an employer partner the user answers the survey for (the rule of
    `answering_partnerships`): the open round, its closing date, the occupations answered, the way to the survey.
    At most three queries."""
    if not answers_for(request.user, partnership):
        return None
    return {"partnership": partnership, "open": open_round_of(partnership),
            "survey_url": _survey_url(partnership.centre, partnership)}


def _round_and_occupation(centre, round_pk, occupation_pk):
    return (get_object_or_404(SurveyRound, centre=centre, pk=round_pk),
            get_object_or_404(Occupation, centre=centre, pk=occupation_pk))


@partner_pages_required
def answer(request, centre, code, round_pk, occupation_pk):
    partnership = _own_partnership(request, centre, code)
    survey_round, occupation = _round_and_occupation(centre, round_pk, occupation_pk)
    return _answer_page(request, centre, partnership, survey_round, occupation, office=False)


def _answer_page(request, centre, partnership, survey_round, occupation, *, office: bool):
    """The answer form of one partner for one occupation: save and resume; read-only for a partner once closed."""
    answer = survey_round.answers.select_related("updated_by").filter(
        partnership=partnership, occupation=occupation).first()
    skills = centre_skills(centre.pk)
    editable = office or is_open(survey_round)
    form = AnswerForm(posted(request), skills=skills, horizon_years=survey_round.horizon_years,
                      initial=answer_initial(answer, stored_ratings(answer)))
    if not editable:  # read-only: the stored answer is shown, and a change sent anyway is refused
        for field in form.fields.values():
            field.disabled = True
        if form.is_bound:
            form.add_error(None, closed_message(survey_round))
    back = (reverse("hca:round", args=[centre.slug, survey_round.pk]) if office
            else _survey_url(centre, partnership))
    if form.is_bound and form.is_valid():
        done = attempt(request, form, lambda: save_answer(
            actor=request.user, survey_round=survey_round, partnership=partnership, occupation=occupation,
            figures=form.figures(), ratings=form.ratings()),
            _("The answer for %(occupation)s has been saved.") % {"occupation": occupation.name}, back)
        if done:
            return done
    return form_page(request, "hca/answer_form.html", {
        "centre": centre, "form": form, "partnership": partnership, "survey_round": survey_round,
        "occupation": occupation, "answer": answer, "editable": editable, "office": office, "back_url": back})


@partner_pages_required
def survey_import(request, centre, code, round_pk):
    partnership = _own_partnership(request, centre, code)
    survey_round = get_object_or_404(SurveyRound, centre=centre, pk=round_pk)
    return _import_page(request, centre, survey_round, partnership, back=_survey_url(centre, partnership))


def _import_page(request, centre, survey_round, partnership, *, back: str):
    """Upload a survey file: all answers written, or none and every error in a table (docs/formats.md §8)."""
    form = SurveyFileForm(posted(request), posted_files(request))
    errors = []
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_survey(upload, upload.name, actor=request.user, survey_round=survey_round,
                               partnership=partnership)
        if result.ok:
            messages.success(request, ngettext(
                "%(count)d answer imported (%(unchanged)d unchanged).",
                "%(count)d answers imported (%(unchanged)d unchanged).", result.imported)
                % {"count": result.imported, "unchanged": result.unchanged})
            return redirect(back)
        errors = result.errors
    # A refused file answers 400, like a form shown again with its errors.
    return render(request, "hca/survey_import.html", {
        "centre": centre, "form": form, "survey_round": survey_round, "partnership": partnership,
        "errors": errors, "back_url": back, "open": is_open(survey_round)}, status=400 if form.is_bound else 200)


@portal_required
def survey_template(request, centre):
    """The XLSX template of docs/formats.md §8: the centre's occupations and skills filled in."""
    if not (may_manage(request.user, centre) or answering_partnerships(request.user, centre)):
        raise PermissionDenied
    return download([template_table(centre)], "xlsx", filename=f"enquete-{centre.slug}")


# The office's pages ---------------------------------------------------------------------------------------------


@office_pages_required
def rounds(request, centre):
    """The survey rounds, newest first, and the form to open a new one."""
    form = RoundForm(posted(request))
    if form.is_bound and form.is_valid():
        done = attempt(request, form, lambda: open_round(actor=request.user, centre=centre, **form.cleaned_data),
                       lambda made: _("The survey round %(year)s is open.") % {"year": made},
                       lambda made: reverse("hca:round", args=[centre.slug, made.pk]))
        if done:
            return done
    return form_page(request, "hca/rounds.html", {"centre": centre, "form": form, "rounds": rounds_overview(centre)})


@office_pages_required
def survey_round(request, centre, pk):
    """Who answered: every employer partner, per occupation answered or not, last saved and by whom."""
    found = get_object_or_404(SurveyRound.objects.select_related("opened_by"), centre=centre, pk=pk)
    return render(request, "hca/round.html", {"centre": centre, "survey_round": found, "open": is_open(found),
                                              "overview": who_answered(found)})


def _employer(centre, code: str) -> Partnership:
    return get_object_or_404(Partnership.objects.select_related("organisation"), centre=centre, short_code=code,
                             cofinancing_group=CofinancingGroup.EMPLOYER)


@office_pages_required
def round_answer(request, centre, pk, code, occupation_pk):
    """One partner's answer, as the office sees and corrects it (also after the close)."""
    found, occupation = _round_and_occupation(centre, pk, occupation_pk)
    return _answer_page(request, centre, _employer(centre, code), found, occupation, office=True)


@office_pages_required
def round_import(request, centre, pk):
    """The office imports answers for any employer partner (the file's `partner` column)."""
    found = get_object_or_404(SurveyRound, centre=centre, pk=pk)
    return _import_page(request, centre, found, None, back=reverse("hca:round", args=[centre.slug, found.pk]))
