"""Research questions: the list, a partner's new question, one question with its conversation, and the triage.

Each triage decision is a GET page with its form and a POST that calls the service; a broken
rule (ResearchError) comes back as a Dutch message.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civhub.core.views import act, attempt, form_page
from civhub.research.forms.projects import ProjectForm
from civhub.research.forms.questions import (
    DeclineForm,
    IntakeForm,
    MessageForm,
    ParkForm,
    QuestionFilterForm,
    QuestionForm,
)
from civhub.research.models import ResearchQuestion
from civhub.research.permissions import (
    is_practor,
    is_team,
    may_submit_question,
    partner_required,
    question_for,
    research_required,
    submitting_partnerships,
    team_required,
)
from civhub.research.selectors import projects as project_selectors
from civhub.research.selectors import questions as selectors
from civhub.research.services import questions as services


@research_required
def questions(request, centre):
    """The partner's own questions, or every question for the practor's team, with a count per status."""
    form = QuestionFilterForm(request.GET or None)
    status = form.status_value()
    return render(request, "research/questions/list.html", {
        "centre": centre, "form": form, "status": status,
        "questions": list(selectors.question_list(request.user, centre, status=status)),
        "counts": selectors.status_counts(request.user, centre),
        "team": is_team(request.user, centre), "may_submit": may_submit_question(request.user, centre),
    })


@partner_required
def question_new(request, centre):
    """A partner's contact or signatory submits a question for their own partner."""
    partnerships = submitting_partnerships(request.user, centre)
    form = QuestionForm(request.POST or None, partnerships=partnerships)
    if request.method == "POST" and form.is_valid():
        done = attempt(
            request, form, lambda: services.submit_question(partnership=form.cleaned_data["partnership"],
                                                            actor=request.user, data=form.cleaned_data),
            _("Thank you. The practor has received your question and will contact you."),
            lambda question: reverse("research:question", args=[centre.slug, question.pk]))
        if done:
            return done
    return form_page(request, "research/questions/new.html", {"centre": centre, "form": form})


@research_required
def question(request, centre, pk):
    """One question with its details, the intake conversation and (for the team) the triage buttons."""
    question = question_for(request.user, centre, pk)
    team = is_team(request.user, centre)
    return render(request, "research/questions/detail.html", {
        "centre": centre, "question": question, "team": team,
        "conversation": list(selectors.conversation(question)),
        "transitions": services.allowed_transitions(question) if team else frozenset(),
        "is_open": question.status in services.OPEN_STATUSES,
        "message_form": MessageForm(),
        "project": getattr(question, "project", None) if question.status == ResearchQuestion.Status.ACCEPTED else None,
    })


@research_required
@require_POST
def question_message(request, centre, pk):
    """Add a message to the conversation (the practor's team or the question's own partner)."""
    question = question_for(request.user, centre, pk)
    form = MessageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a message before sending it."))
        return redirect("research:question", centre.slug, question.pk)
    return act(request, lambda: services.post_message(question=question, actor=request.user,
                                                      text=form.cleaned_data["text"]),
               _("Your message has been sent."), reverse("research:question", args=[centre.slug, question.pk]))


def _decision(request, centre, pk, *, to: str, form_class, decide, done: str):
    """The shared shape of intake, decline and park: a form page on GET, the service on POST."""
    question = question_for(request.user, centre, pk)
    if to not in services.allowed_transitions(question):
        messages.error(request, _("This question is %(status)s and cannot get this decision.")
                       % {"status": question.get_status_display()})
        return redirect("research:question", centre.slug, question.pk)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = attempt(request, form, lambda: decide(question, form.cleaned_data), done,
                        reverse("research:question", args=[centre.slug, question.pk]))
        if saved:
            return saved
    return form_page(request, "research/questions/decide.html", {
        "centre": centre, "question": question, "form": form, "to": to,
    })


@team_required
def question_intake(request, centre, pk):
    return _decision(
        request, centre, pk, to=ResearchQuestion.Status.INTAKE, form_class=IntakeForm,
        decide=lambda question, data: services.start_intake(question=question, actor=request.user,
                                                         message=data["message"]),
        done=_("The question is in intake. The partner has been e-mailed your question."))


@team_required
def question_decline(request, centre, pk):
    return _decision(
        request, centre, pk, to=ResearchQuestion.Status.DECLINED, form_class=DeclineForm,
        decide=lambda question, data: services.decline_question(question=question, actor=request.user,
                                                             reason=data["reason"]),
        done=_("The question has been declined. The partner has been e-mailed the reason."))


@team_required
def question_park(request, centre, pk):
    return _decision(
        request, centre, pk, to=ResearchQuestion.Status.PARKED, form_class=ParkForm,
        decide=lambda question, data: services.park_question(question=question, actor=request.user, note=data["note"]),
        done=_("The question has been parked. The partner has been e-mailed your note."))


@team_required
def question_accept(request, centre, pk):
    """GET: the new project's form, filled in from the question; POST: accept and create the project."""
    question = question_for(request.user, centre, pk)
    if ResearchQuestion.Status.ACCEPTED not in services.allowed_transitions(question):
        messages.error(request, _("This question is %(status)s and cannot be accepted.")
                       % {"status": question.get_status_display()})
        return redirect("research:question", centre.slug, question.pk)
    form = ProjectForm(request.POST or None, centre=centre, initial=_project_initial(request.user, centre, question))
    if request.method == "POST" and form.is_valid():
        done = attempt(
            request, form, lambda: services.accept_question(question=question, actor=request.user,
                                                            project_data=form.cleaned_data),
            _("The question has been accepted and its research project created. The partner has been e-mailed."),
            lambda project: reverse("research:project", args=[centre.slug, project.pk]))
        if done:
            return done
    return form_page(request, "research/questions/accept.html", {"centre": centre, "question": question, "form": form})


def _project_initial(user, centre, question) -> dict:
    """The project as the question suggests it: its title, its partner, its desired outcome as the plan."""
    initial = {"title": question.title, "partners": [question.partnership_id], "start": timezone.localdate(),
               "plan": question.desired_outcome}
    if is_practor(user, centre):
        initial["practor"] = user.pk
    return initial


def dashboard_panel(request, centre) -> dict:
    """The practorate's card on the office dashboard: new questions waiting for triage, questions in intake,
    running projects and summaries awaiting approval."""
    return {"research": project_selectors.dashboard_figures(centre)}
