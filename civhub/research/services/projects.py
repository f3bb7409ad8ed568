"""Research projects and their outputs: created by the practor's team, with an activity in programme line 2.

The activity is what partners book their in-kind research hours on (Contribution.activity); the
service keeps its title, period, owners and status in step with the project.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from civhub.accounts import permissions as access
from civhub.accounts.models import Role
from civhub.core.audit import field_changes, record_event
from civhub.core.models import ProgrammeLine
from civhub.programme.models import Activity
from civhub.research.errors import ResearchError
from civhub.research.models import ResearchOutput, ResearchProject, ResearchQuestion
from civhub.research.permissions import is_team

RESEARCH_LINE = 2  # the brochure's programme line 2: practoral research
PROJECT_FIELDS = ("title", "practor", "teachers", "students", "plan", "start", "end")


def _ensure_team(actor, centre) -> None:
    if not is_team(actor, centre):
        raise ResearchError(_("Only the practor or the programme office can manage research projects."))


def _check(centre, data: dict) -> None:
    """The rules a project's fields must keep, whoever fills them in (form, accept page, demo)."""
    if not (data.get("title") or "").strip():
        raise ResearchError(_("Give the project a title."))
    if data["end"] < data["start"]:
        raise ResearchError(_("The end date lies before the start date."))
    if not data.get("partners"):
        raise ResearchError(_("Choose at least one partner taking part in the project."))
    if any(partner.centre_id != centre.pk for partner in data["partners"]):
        raise ResearchError(_("Every partner must be a partner of this centre."))
    if not access.has_role(data["practor"], centre, Role.PRACTOR):
        raise ResearchError(_("The project's practor must hold the practor role in this centre."))


def _research_line(centre) -> ProgrammeLine:
    line = ProgrammeLine.objects.filter(centre=centre, number=RESEARCH_LINE).first()
    if line is None:
        raise ResearchError(_("This centre has no programme line 2 (research); add it before starting projects."))
    return line


def _activity_status(status: str) -> str:
    return Activity.Status.DONE if status == ResearchProject.Status.FINISHED else Activity.Status.RUNNING


def create_project(*, centre, actor, data: dict, question: ResearchQuestion | None = None) -> ResearchProject:
    """Create a project with its activity in line 2; `data` holds the form's fields (partners, modules as lists)."""
    _ensure_team(actor, centre)
    _check(centre, data)
    fields = {name: data[name] for name in PROJECT_FIELDS}
    fields["title"] = fields["title"].strip()
    with transaction.atomic():
        activity = Activity.objects.create(
            centre=centre, programme_line=_research_line(centre), title=fields["title"], description=data["plan"],
            lead_person=data["practor"].get_full_name(), start=data["start"], end=data["end"],
            status=Activity.Status.RUNNING)
        activity.owners.set(data["partners"])
        project = ResearchProject.objects.create(centre=centre, question=question, activity=activity, **fields)
        project.partners.set(data["partners"])
        project.modules.set(data.get("modules") or [])
        record_event(project, actor=actor, action="research_project_created", centre=centre, summary=project.title)
    return project


def update_project(*, project: ResearchProject, actor, data: dict) -> ResearchProject:
    """Change a project; a change of partners asks every partner to approve the public summary again."""
    with transaction.atomic():
        project = ResearchProject.objects.select_for_update(of=("self",)).select_related("centre").get(pk=project.pk)
        _ensure_team(actor, project.centre)
        _check(project.centre, data)
        fields = {name: data[name] for name in PROJECT_FIELDS}
        fields["title"] = fields["title"].strip()
        fields["status"] = data.get("status") or project.status
        changes = field_changes(project, fields)
        for name, value in fields.items():
            setattr(project, name, value)
        new_partners = {partner.pk for partner in data["partners"]}
        if new_partners != set(project.partners.values_list("pk", flat=True)):
            changes["partners"] = ["", ", ".join(sorted(str(pk) for pk in new_partners))]
            _reopen_summary(project)
        project.save()
        project.partners.set(data["partners"])
        project.modules.set(data.get("modules") or [])
        _sync_activity(project, data["partners"])
        record_event(project, actor=actor, action="research_project_changed", centre=project.centre,
                     summary=project.title, changes=changes)
    return project


def _reopen_summary(project: ResearchProject) -> None:
    """Partners approve a summary together: with other partners, the approvals given so far no longer hold."""
    project.summary_version += 1
    project.summary_published_at = None


def _sync_activity(project: ResearchProject, partners) -> None:
    Activity.objects.filter(pk=project.activity_id).update(
        title=project.title, description=project.plan, lead_person=project.practor.get_full_name(),
        start=project.start, end=project.end, status=_activity_status(project.status))
    project.activity.owners.set(partners)


def add_output(*, project: ResearchProject, actor, kind: str, title: str, file=None, link: str = "") -> ResearchOutput:
    """Add what the project produced: a file (stored outside the public folders) or a link, not both."""
    _ensure_team(actor, project.centre)
    title = (title or "").strip()
    if not title:
        raise ResearchError(_("Give the output a title."))
    if bool(file) == bool(link):
        raise ResearchError(_("Upload a file or give a link, one of the two."))
    if kind not in ResearchOutput.Kind.values:
        raise ResearchError(_("“%(kind)s” is not a kind of output.") % {"kind": kind})
    with transaction.atomic():
        output = ResearchOutput.objects.create(project=project, kind=kind, title=title, file=file or "",
                                               link=link or "", added_by=actor)
        record_event(output, actor=actor, action="research_output_added", centre=project.centre, summary=title)
    return output


def remove_output(*, output: ResearchOutput, actor) -> None:
    """Remove an output added by mistake (the practor's team); audited, and its file goes once the removal
    commits (a rolled-back removal keeps it)."""
    _ensure_team(actor, output.project.centre)
    with transaction.atomic():
        output = ResearchOutput.objects.select_for_update().select_related("project__centre").get(pk=output.pk)
        record_event(output, actor=actor, action="research_output_removed", centre=output.project.centre,
                     summary=output.title)
        stored = output.file.name
        storage = output.file.storage
        output.delete()
        if stored:
            transaction.on_commit(lambda: storage.delete(stored))
