"""`manage.py import_published_forecast` exactly as docs/formats.md §9 writes it: the success line and exit 0,
every bad row on stderr and exit 1, the typology option, a second import replacing the rows."""

import io

import pytest
from django.core.management import CommandError, call_command

from civhub.hca.models import Occupation, PublishedForecast
from tests.hca.test_published import GOOD, HEADER

pytestmark = pytest.mark.django_db

EDITION = "ROA AOB 2028"


@pytest.fixture(autouse=True)
def _messages(english_messages):
    return


@pytest.fixture
def analist(centre):
    return Occupation.objects.create(centre=centre, name="analist mbo-4")


def run(path, centre, actor, *extra):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_published_forecast", str(path), "--centre", centre.slug, "--as", actor.email,
                 "--publisher", "ROA", "--edition", EDITION, "--region", "Zuid-Holland", "--years", "2023-2028",
                 *extra, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_success_prints_the_line_of_the_contract(tmp_path, centre, programme_manager, analist):
    source = tmp_path / "roa.csv"
    source.write_text(GOOD, encoding="utf-8")

    out, err = run(source, centre, programme_manager, "--source", "https://roa.nl/aob", "--typology",
                   "0.85:zeer goed,1.00:goed,1.05:redelijk,1.15:matig,slecht")

    assert out == "imported 2 rows of ROA AOB 2028 (Zuid-Holland)\n" and err == ""
    forecast = PublishedForecast.objects.get()
    assert (forecast.first_year, forecast.last_year, forecast.source_url) == (2023, 2028, "https://roa.nl/aob")
    assert forecast.typology[-1] == [None, "slecht"]

    source.write_text(HEADER + "beroep;Laboranten;;5100;400;900;1200;;\n", encoding="utf-8")
    out, _ = run(source, centre, programme_manager)
    assert out == "imported 1 rows of ROA AOB 2028 (Zuid-Holland)\n"
    assert PublishedForecast.objects.get().rows.count() == 1


def test_bad_rows_go_to_stderr_with_exit_status_1(tmp_path, centre, programme_manager):
    source = tmp_path / "roa.csv"
    source.write_text(HEADER + "beroep;A;;0;1;1;1;;\nberoep;B;;10;1;-1;1;;\n", encoding="utf-8")

    with pytest.raises(CommandError) as failed:
        run(source, centre, programme_manager)

    assert failed.value.returncode == 1
    assert "2 errors; nothing was written" in str(failed.value)
    assert not PublishedForecast.objects.exists()


def test_the_errors_themselves_are_printed(tmp_path, centre, programme_manager):
    source = tmp_path / "roa.csv"
    source.write_text(HEADER + "beroep;A;;0;1;1;1;;\nberoep;B;;10;1;-1;1;;\n", encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_published_forecast", str(source), "--centre", centre.slug, "--as",
                     programme_manager.email, "--publisher", "ROA", "--edition", EDITION, "--region", "R",
                     "--years", "2023-2028", stderr=err)

    lines = err.getvalue().splitlines()
    assert lines[0].startswith("row 2, werkgelegenheid, “0”") and lines[1].startswith("row 3, vervangingsvraag")


@pytest.mark.parametrize(("extra", "message"), [
    (("--years", "2028-2023"), "--years"),
    (("--typology", "1.00:goed,0.85:zeer goed,slecht"), "must rise"),
])
def test_bad_options_fail_with_exit_status_1(tmp_path, centre, programme_manager, extra, message):
    source = tmp_path / "roa.csv"
    source.write_text(GOOD, encoding="utf-8")

    with pytest.raises(CommandError, match=message) as failed:
        run(source, centre, programme_manager, *extra)

    assert failed.value.returncode == 1 and not PublishedForecast.objects.exists()


def test_someone_outside_the_office_is_refused(tmp_path, centre, practor, analist):
    source = tmp_path / "roa.csv"
    source.write_text(GOOD, encoding="utf-8")

    with pytest.raises(CommandError, match="programme office") as failed:
        run(source, centre, practor)

    assert failed.value.returncode == 1
