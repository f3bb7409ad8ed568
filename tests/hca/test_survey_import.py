"""The survey import (docs/formats.md §8): all or nothing with every bad row named, replacing on a second import,
a partner's own rows only, the template, and `manage.py import_survey`'s line and exit status."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from civhub.core.exports.xlsx import write_xlsx
from civhub.core.models import AuditEvent
from civhub.hca.models import SkillRating, WorkforceAnswer
from civhub.hca.survey_file import import_survey, template_table
from tests.hca.survey_support import csv_file, make_occupations, make_round, make_skills, today

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]

GOOD = ";laborant;10;8,5;2;3;2;1;1;1;12;2;1;;;3;4"
ANALIST = ";Analist;4;4;0;1;1;1;1;0;5;;;1;;;"


@pytest.fixture
def survey(centre, programme_manager):
    make_occupations(centre, "laborant", "analist")
    make_skills(centre, "Pipetteren")
    return make_round(centre, programme_manager)


def run(content: bytes, *, actor, survey, partnership=None, name="antwoorden.csv"):
    return import_survey(io.BytesIO(content), name, actor=actor, survey_round=survey, partnership=partnership)


def test_a_partner_imports_its_answers_with_ratings(survey, partner_a, partner_a_contact):
    result = run(csv_file(GOOD, ANALIST), actor=partner_a_contact, survey=survey, partnership=partner_a)

    assert result.ok, result.errors
    assert result.summary() == f"imported 2 answers (0 unchanged) for round {survey.reference_date.year}"
    laborant = WorkforceAnswer.objects.get(occupation__name="laborant")
    assert (laborant.persons, str(laborant.fte), laborant.hard_to_fill, laborant.retirements) == (10, "8.5", 1, None)
    analist = WorkforceAnswer.objects.get(occupation__name="analist")
    assert (analist.open_vacancies, analist.retirements, analist.other_leavers) == (0, 1, None)
    assert list(SkillRating.objects.values_list("answer__occupation__name", "importance_now", "importance_later")) \
        == [("laborant", 3, 4)]


def test_every_bad_row_is_named_and_nothing_is_written(survey, partner_a, partner_a_contact):
    content = csv_file(
        GOOD,
        ";bakker;10;8,5;2;3;2;1;1;1;12;2;1;;;3;4",            # row 3: no such occupation
        ";analist;10;8,55;2;3;2;1;1;2;12;2;3;;;6;",           # row 4: fte, sum, hard to fill... and a rating
        ";laborant;1;1;1;0;0;0;0;0;1;;;;;;",                  # row 5: laborant twice
        ";analist;x;1;1;0;0;0;0;0;1;;;;;;2",                  # row 6: persons not a number, rating half given
    )
    result = run(content, actor=partner_a_contact, survey=survey, partnership=partner_a)

    assert not result.ok
    named = [(error.row, error.column) for error in result.errors]
    assert (3, "beroep") in named
    assert (4, "fte") in named and (4, "nu: Pipetteren") in named
    assert (5, "beroep") in named
    assert (6, "personen") in named and (6, "nu: Pipetteren") in named
    assert 2 not in {row for row, _column in named}
    assert not WorkforceAnswer.objects.exists()


def test_the_sums_are_checked_once_the_cells_are_right(survey, partner_a, partner_a_contact):
    content = csv_file(";laborant;10;8;2;3;2;1;1;2;12;2;1;;;;", ";analist;4;4;0;1;1;1;1;0;5;1;3;;;;")
    result = run(content, actor=partner_a_contact, survey=survey, partnership=partner_a)
    assert [(error.row, error.column) for error in result.errors] == [(2, "personen"), (3, "moeilijk_vervulbaar")]
    assert "add up to 11" in result.errors[0].message


def test_importing_again_replaces_the_answer_and_the_same_file_twice_changes_nothing(survey, partner_a,
                                                                                     partner_a_contact):
    run(csv_file(GOOD), actor=partner_a_contact, survey=survey, partnership=partner_a)
    changed = csv_file(";laborant;10;8,5;2;3;2;1;1;1;15;2;1;;;;")

    first = run(changed, actor=partner_a_contact, survey=survey, partnership=partner_a)
    second = run(changed, actor=partner_a_contact, survey=survey, partnership=partner_a)

    assert (first.imported, first.unchanged) == (1, 0) and (second.imported, second.unchanged) == (0, 1)
    answer = WorkforceAnswer.objects.get()
    assert answer.expected_headcount == 15 and not SkillRating.objects.exists()
    assert list(AuditEvent.objects.filter(target_type="hca.workforceanswer").values_list("action", flat=True)
                .order_by("pk")) == ["workforce_answer_saved", "workforce_answer_changed"]


def test_a_partner_cannot_import_another_partners_rows(survey, partner_a, partner_b, partner_a_contact,
                                                       programme_manager):
    partner_b.cofinancing_group = "employer"  # a second employer partner
    partner_b.save()
    content = csv_file("partner-b" + GOOD, "partner-a" + ANALIST)

    mine = run(content, actor=partner_a_contact, survey=survey, partnership=partner_a)
    office = run(content, actor=programme_manager, survey=survey)

    assert [(error.row, error.column) for error in mine.errors] == [(2, "partner")]
    assert office.ok and office.imported == 2
    assert set(WorkforceAnswer.objects.values_list("partnership__short_code", flat=True)) == {"partner-a",
                                                                                              "partner-b"}


def test_the_office_names_each_rows_partner(survey, programme_manager):
    result = run(csv_file(GOOD, "nobody" + ANALIST), actor=programme_manager, survey=survey)
    assert [(error.row, error.column) for error in result.errors] == [(2, "partner"), (3, "partner")]


def test_after_the_close_only_the_office_imports(survey, partner_a, partner_a_contact, programme_manager):
    survey.closes_on = today() - timedelta(days=1)
    survey.reference_date = today() - timedelta(days=40)
    survey.save()

    refused = run(csv_file(GOOD), actor=partner_a_contact, survey=survey, partnership=partner_a)
    accepted = run(csv_file("partner-a" + GOOD), actor=programme_manager, survey=survey)

    assert "closed" in refused.errors[0].message and not refused.rows
    assert accepted.ok and WorkforceAnswer.objects.get().updated_by == programme_manager


def test_a_skill_column_the_centre_does_not_have_refuses_the_file(survey, partner_a, partner_a_contact):
    header = "beroep;personen;fte;tot_25;25_34;35_44;45_54;55_59;60_plus;verwacht;nu: Pipeteren"
    result = run(csv_file("laborant;1;1;1;0;0;0;0;0;1;3", header=header), actor=partner_a_contact, survey=survey,
                 partnership=partner_a)
    assert "nu: Pipeteren" in result.errors[0].message and not WorkforceAnswer.objects.exists()


def test_the_template_has_the_contracts_columns_and_reads_back_as_an_xlsx_import(survey, centre, partner_a,
                                                                                 partner_a_contact):
    buffer = io.BytesIO()
    write_xlsx([template_table(centre)], buffer)
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:4] == ["partner", "beroep", "personen", "fte"]
    assert rows[0][-2:] == ["nu: Pipetteren", "over 5 jaar: Pipetteren"]
    assert [row[1] for row in rows[1:]] == ["laborant", "analist"]

    workbook = openpyxl.Workbook()
    filled = workbook.active
    filled.append(rows[0])
    filled.append([None, "laborant", 10, 8.5, 2, 3, 2, 1, 1, 1, 12, 2, 1, None, None, 3, 4])
    upload = io.BytesIO()
    workbook.save(upload)
    result = run(upload.getvalue(), actor=partner_a_contact, survey=survey, partnership=partner_a,
                 name="antwoorden.xlsx")
    assert result.ok, result.errors
    assert SkillRating.objects.get().importance_later == 4


def test_the_command_prints_its_line_and_exits_0(survey, partner_a, partner_a_contact, tmp_path, capsys):
    path = tmp_path / "antwoorden.csv"
    path.write_bytes(csv_file(GOOD))

    call_command("import_survey", str(path), "--centre", survey.centre.slug, "--round",
                 survey.reference_date.isoformat(), "--as", partner_a_contact.email, "--partner", "partner-a")

    assert capsys.readouterr().out.strip() == f"imported 1 answers (0 unchanged) for round {survey}"


def test_the_command_prints_every_error_and_exits_1(survey, partner_a, programme_manager, tmp_path, capsys):
    path = tmp_path / "antwoorden.csv"
    path.write_bytes(csv_file("partner-a;laborant;10;8;2;3;2;1;1;2;12;;;;;;",
                              "partner-a;bakker;1;1;1;0;0;0;0;0;1;;;;;;"))

    with pytest.raises(CommandError) as raised:
        call_command("import_survey", str(path), "--centre", survey.centre.slug, "--round",
                     survey.reference_date.isoformat(), "--as", programme_manager.email)

    assert raised.value.returncode == 1 and "2 errors; nothing was written" in str(raised.value)
    err = capsys.readouterr().err
    assert "row 2, personen" in err and "row 3, beroep" in err
    assert not WorkforceAnswer.objects.exists()


def test_the_command_refuses_an_unknown_round(survey, programme_manager, tmp_path):
    path = tmp_path / "antwoorden.csv"
    path.write_bytes(csv_file(GOOD))
    with pytest.raises(CommandError, match="no survey round") as raised:
        call_command("import_survey", str(path), "--centre", survey.centre.slug, "--round", "1999-01-01",
                     "--as", programme_manager.email)
    assert raised.value.returncode == 1
