"""Builders for the research tests: line 2, questions and projects in any state (plain functions, no fixtures)."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from civhub.core.models import ProgrammeLine
from civhub.research.models import ResearchOutput, ResearchProject, ResearchQuestion
from civhub.research.services.projects import create_project

PDF = b"%PDF-1.4\n% test\n"


def research_line(centre) -> ProgrammeLine:
    line, _ = ProgrammeLine.objects.get_or_create(
        centre=centre, number=2, defaults={"name": {"nl": "Practoraal onderzoek", "en": "Practoral research"}})
    return line


def question(partnership, submitter, *, status=ResearchQuestion.Status.NEW, title="Sneller valideren",
             **fields) -> ResearchQuestion:
    """A question written directly (no service, no e-mail), in any status."""
    return ResearchQuestion.objects.create(
        centre=partnership.centre, partnership=partnership, submitted_by=submitter, title=title, status=status,
        context=fields.pop("context", "Validatie kost nu drie weken."),
        desired_outcome=fields.pop("desired_outcome", "Een protocol dat in een week klaar is."), **fields)


def project(centre, practor, partners, *, title="HPLC-validatie", finished=False, summary="",
            **fields) -> ResearchProject:
    """A project made by the service (with its activity in line 2), then finished or summarised if asked."""
    research_line(centre)
    data = {"title": title, "practor": practor, "teachers": "", "students": "", "plan": "Metingen doen.",
            "start": datetime.date(2025, 2, 1), "end": datetime.date(2025, 12, 31), "partners": partners, **fields}
    made = create_project(centre=centre, actor=practor, data=data)
    if finished or summary:
        ResearchProject.objects.filter(pk=made.pk).update(
            status=ResearchProject.Status.FINISHED, summary=summary, summary_version=1 if summary else 0)
        made.refresh_from_db()
    return made


def pdf_upload(name="verslag.pdf", content=PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def output_with_file(made: ResearchProject, actor, name="verslag.pdf") -> ResearchOutput:
    return ResearchOutput.objects.create(project=made, kind=ResearchOutput.Kind.REPORT, title="Eindverslag",
                                         file=pdf_upload(name), added_by=actor)


def file_like(content: bytes, name: str) -> io.BytesIO:
    handle = io.BytesIO(content)
    handle.name = name
    return handle
