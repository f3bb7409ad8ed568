"""Research projects: creation rules, the project page's research hours, outputs and their files, query counts."""

import datetime
import pathlib
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from civhub.ledger.models import Contribution
from civhub.research.errors import ResearchError
from civhub.research.models import ResearchOutput, ResearchProject
from civhub.research.services.projects import add_output, remove_output, update_project
from tests.ledger.builders import entry
from tests.partners.factories import client_for, count_queries
from tests.research.builders import PDF, output_with_file, pdf_upload, project


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Output files go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"


def form_data(practor, partners, **fields):
    return {"title": "Kwaliteit DNA-extractie", "practor": practor.pk, "partners": [p.pk for p in partners],
            "plan": "Vergelijken van kits.", "start": "2025-02-01", "end": "2025-12-31", "teachers": "",
            "students": "", **fields}


def test_the_practor_starts_a_project_without_a_question(centre, practor, partner_a):
    project(centre, practor, [partner_a])  # makes line 2
    response = client_for(practor).post(reverse("research:project_new", args=[centre.slug]),
                                        form_data(practor, [partner_a], title="Nieuw project"))
    made = ResearchProject.objects.get(title="Nieuw project")
    assert response.status_code == 302 and made.question is None and made.activity.title == "Nieuw project"


def test_an_end_before_the_start_is_refused(centre, practor, partner_a):
    project(centre, practor, [partner_a])
    response = client_for(practor).post(reverse("research:project_new", args=[centre.slug]),
                                        form_data(practor, [partner_a], end="2025-01-01"))
    assert response.status_code == 400 and "before the start date" in response.content.decode()
    with pytest.raises(ResearchError, match="before the start"):
        project(centre, practor, [partner_a], end=datetime.date(2025, 1, 1))


def test_student_numbers_are_refused(centre, practor, partner_a):
    project(centre, practor, [partner_a])
    response = client_for(practor).post(reverse("research:project_new", args=[centre.slug]),
                                        form_data(practor, [partner_a], students="Sanne 1234567"))
    assert response.status_code == 400 and "student number" in response.content.decode()
    assert "Never enter student numbers" in response.content.decode()  # the help text says so up front


def test_editing_keeps_the_activity_in_step(centre, practor, partner_a, partner_b):
    made = project(centre, practor, [partner_a])
    data = {"title": "Nieuwe titel", "practor": practor, "teachers": "", "students": "", "plan": "Anders",
            "start": made.start, "end": made.end, "partners": [partner_a, partner_b], "status": "finished"}
    update_project(project=made, actor=practor, data=data)
    made.activity.refresh_from_db()
    assert made.activity.title == "Nieuwe titel" and made.activity.status == "done"
    assert set(made.activity.owners.all()) == {partner_a, partner_b}


def test_the_project_page_shows_accepted_research_hours_linked_to_it(centre, practor, partner_a, partner_b,
                                                                      programme_manager, partner_a_contact):
    made = project(centre, practor, [partner_a, partner_b])
    counted = {"activity": made.activity, "kind": "research", "status": Contribution.Status.ACCEPTED}
    entry(partner_a, partner_a_contact, hours=Decimal("4"), rate=Decimal("80"), **counted)
    entry(partner_a, partner_a_contact, hours=Decimal("2"), rate=Decimal("80"), **counted)
    entry(partner_b, partner_a_contact, hours=Decimal("3"), rate=Decimal("50"), **counted)
    entry(partner_a, partner_a_contact, hours=Decimal("8"), rate=Decimal("80"), activity=made.activity,
          kind="research", status=Contribution.Status.SUBMITTED)  # not accepted: left out
    entry(partner_a, partner_a_contact, hours=Decimal("8"), rate=Decimal("80"), activity=made.activity, kind="lab",
          status=Contribution.Status.ACCEPTED)  # not research: left out
    url = reverse("research:project", args=[centre.slug, made.pk])
    page = client_for(programme_manager).get(url).context["page"]
    assert [(row.partner, row.hours, row.value) for row in page.hours] == [
        ("Gemeente Partner B", Decimal("3.00"), Decimal("150.00")), ("Partner A BV", Decimal("6.00"),
                                                                     Decimal("480.00"))]
    assert (page.hours_total.hours, page.hours_total.value) == (Decimal("9.00"), Decimal("630.00"))
    own = client_for(partner_a_contact).get(url).context["page"]
    assert [row.partner for row in own.hours] == ["Partner A BV"] and own.hours_total is None


def test_partner_b_gets_404_on_a_project_and_output_file_of_partner_a(centre, practor, partner_a,
                                                                      partner_b_contact, partner_a_contact):
    made = project(centre, practor, [partner_a])
    output = output_with_file(made, practor)
    file_url = reverse("research:output_file", args=[centre.slug, made.pk, output.pk])
    assert client_for(partner_b_contact).get(reverse("research:project", args=[centre.slug, made.pk])).status_code \
        == 404
    assert client_for(partner_b_contact).get(file_url).status_code == 404
    response = client_for(partner_a_contact).get(file_url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_a_link_output_has_no_file_to_download(centre, practor, partner_a):
    made = project(centre, practor, [partner_a])
    output = add_output(project=made, actor=practor, kind="prototype", title="Opstelling",
                        link="https://example.org/video")
    url = reverse("research:output_file", args=[centre.slug, made.pk, output.pk])
    assert client_for(practor).get(url).status_code == 404


def post_output(client, centre, made, **data):
    return client.post(reverse("research:output_new", args=[centre.slug, made.pk]),
                       {"kind": "report", "title": "Eindverslag", "link": "", **data})


def test_an_uploaded_pdf_is_stored_outside_the_public_folders(centre, practor, partner_a, client):
    made = project(centre, practor, [partner_a])
    response = post_output(client_for(practor), centre, made, file=pdf_upload())
    output = ResearchOutput.objects.get()
    assert response.status_code == 302 and output.file.name == f"research/{made.pk}/verslag.pdf"
    assert client.get(f"/{output.file.name}").status_code == 404  # no URL serves the media folder


@pytest.mark.parametrize(("upload", "message"), [
    (SimpleUploadedFile("virus.exe", b"MZ\x90\x00"), "not a file type we accept"),
    (SimpleUploadedFile("verslag.pdf", b"GIF89a nothing"), "not a PDF file"),
    (SimpleUploadedFile("groot.pdf", b"%PDF-" + b"0" * 2048), "larger than 20 MB"),
])
def test_bad_files_are_refused(centre, practor, partner_a, upload, message, monkeypatch):
    monkeypatch.setattr("civhub.research.forms.projects.MAX_OUTPUT_BYTES", 1024)  # a small file stands in for 20 MB
    made = project(centre, practor, [partner_a])
    response = post_output(client_for(practor), centre, made, file=upload)
    assert response.status_code == 400 and message in response.content.decode()
    assert not ResearchOutput.objects.exists()


def test_an_output_needs_a_file_or_a_link_not_both(centre, practor, partner_a):
    made = project(centre, practor, [partner_a])
    client = client_for(practor)
    assert post_output(client, centre, made).status_code == 400
    assert post_output(client, centre, made, file=pdf_upload(), link="https://example.org").status_code == 400
    with pytest.raises(ResearchError, match="one of the two"):
        add_output(project=made, actor=practor, kind="report", title="X")
    assert not ResearchOutput.objects.exists()


def test_a_partner_sees_only_the_projects_it_takes_part_in(centre, practor, partner_a, partner_b, partner_a_contact):
    project(centre, practor, [partner_a], title="Project van A")
    project(centre, practor, [partner_b], title="Project van B")
    page = client_for(partner_a_contact).get(reverse("research:projects", args=[centre.slug])).content.decode()
    assert "Project van A" in page and "Project van B" not in page


def test_the_list_and_the_project_page_take_constant_queries(centre, practor, partner_a, partner_b,
                                                             partner_a_contact, programme_manager):
    first_project = project(centre, practor, [partner_a, partner_b], title="Project 0")

    def add(n):
        for index in range(n):
            made = project(centre, practor, [partner_a, partner_b], title=f"Project {index}")
            output_with_file(made, practor)
            output_with_file(first_project, practor)
            entry(partner_a, partner_a_contact, hours=Decimal("2"), rate=Decimal("80"),
                  activity=first_project.activity, kind="research", status=Contribution.Status.ACCEPTED)

    list_url = reverse("research:projects", args=[centre.slug])
    page_url = reverse("research:project", args=[centre.slug, first_project.pk])
    for who in (programme_manager, partner_a_contact):
        client = client_for(who)
        add(2)
        counts = count_queries(client, list_url), count_queries(client, page_url)
        add(4)
        assert (count_queries(client, list_url), count_queries(client, page_url)) == counts


def test_the_practor_removes_an_output_and_its_file_goes_after_commit(centre, practor, partner_a,
                                                                       django_capture_on_commit_callbacks):
    made = project(centre, practor, [partner_a])
    output = output_with_file(made, practor)
    stored = output.file.path
    client = client_for(practor)
    url = reverse("research:output_delete", args=[centre.slug, made.pk, output.pk])
    assert "Eindverslag" in client.get(url).content.decode()  # asks first, naming it
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302 and not ResearchOutput.objects.exists()
    assert not pathlib.Path(stored).exists()


def test_a_partner_cannot_remove_an_output(centre, practor, partner_a, partner_a_contact):
    made = project(centre, practor, [partner_a])
    output = output_with_file(made, practor)
    with pytest.raises(ResearchError):
        remove_output(output=output, actor=partner_a_contact)
    assert ResearchOutput.objects.filter(pk=output.pk).exists()
