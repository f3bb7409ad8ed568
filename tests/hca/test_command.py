"""`manage.py hca_indicators FILE [--output PATH]` (docs/formats.md §7): CSV out, all or nothing in."""

import io

import pytest
import xlsxwriter
from django.core.management import CommandError, call_command
from django.utils import translation

HEADER = "beroep;werkgelegenheid;uitbreidingsvraag;vervangingsvraag;instroom;horizon\n"
ROA = "mbo-4 gezondheidszorg en welzijn;328000;45700;56000;107800;6\n"
OUTPUT_HEADER = ("beroep;baanopeningen;uitbreidingsvraag_pct;vervangingsvraag_pct;baanopeningen_pct;"
                 "uitbreidingsvraag_per_jaar_pct;vervangingsvraag_per_jaar_pct;baanopeningen_per_jaar_pct;"
                 "belang_vervangingsvraag_pct;ita;typering")
ROA_OUT = "mbo-4 gezondheidszorg en welzijn;101700;13.9;17.1;31.0;2.2;2.7;4.6;55.1;1.06;matig"


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("hca_indicators", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_roas_row_gives_roas_figures_on_stdout(tmp_path):
    source = tmp_path / "roa.csv"
    source.write_text(HEADER + ROA + "krimpberoep;1000;-300;100;50;6\n", encoding="utf-8")

    out, _ = run(source)

    shrinking = "krimpberoep;0;-30.0;10.0;0.0;-5.8;1.6;0.0;;;geen baanopeningen"
    assert out.splitlines() == [OUTPUT_HEADER, ROA_OUT, shrinking]


def test_an_xlsx_with_the_english_headers_and_output_to_a_file(tmp_path):
    source, target = tmp_path / "roa.xlsx", tmp_path / "out.csv"
    workbook = xlsxwriter.Workbook(str(source))
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, ["occupation", "employment", "expansion_demand", "replacement_demand", "supply", "horizon"])
    sheet.write_row(1, 0, ["mbo-4 gezondheidszorg en welzijn", 328000, 45700, 56000, 107800, 6])
    workbook.close()

    out, _ = run(source, "--output", str(target))

    assert out == ""
    assert target.read_text(encoding="utf-8").splitlines() == [OUTPUT_HEADER, ROA_OUT]


def test_every_bad_row_is_named_and_nothing_is_written(tmp_path):
    source, target = tmp_path / "bad.csv", tmp_path / "out.csv"
    source.write_text(HEADER + ROA + ";0;10;-1;5;11\n" + "analist;100;-150;0;x;6\n", encoding="utf-8")

    with pytest.raises(CommandError, match="bad.csv has 6 errors; nothing was written") as raised:
        run(source, "--output", str(target))

    assert raised.value.returncode == 1
    assert not target.exists()


def test_the_errors_say_row_column_value_and_what_is_wrong(tmp_path):
    source = tmp_path / "bad.csv"
    source.write_text(HEADER + ";0;10;-1;5;11\n" + "analist;100;-150;0;x;6\n", encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("hca_indicators", str(source), stdout=io.StringIO(), stderr=err)

    assert err.getvalue().splitlines() == [
        "row 2, beroep, “”: Name the occupation.",
        "row 2, werkgelegenheid, “0”: Employment must be above 0.",
        "row 2, vervangingsvraag, “-1”: This cannot be negative.",
        "row 2, horizon, “11”: The horizon is 1 to 10 years.",
        "row 3, instroom, “x”: This is not a number; write it like 1234,56 or 1234.56.",
        "row 3, uitbreidingsvraag, “-150”: Employment cannot fall by more than it is (100).",
    ]


def test_a_missing_column_and_an_empty_file_are_refused(tmp_path):
    missing, empty = tmp_path / "missing.csv", tmp_path / "empty.csv"
    missing.write_text("beroep;werkgelegenheid\nlaborant;10\n", encoding="utf-8")
    empty.write_text(HEADER, encoding="utf-8")

    with pytest.raises(CommandError, match="missing.csv has 1 error"):
        run(missing)
    with pytest.raises(CommandError, match="empty.csv has 1 error"):
        run(empty)
    with pytest.raises(CommandError, match="cannot be opened"):
        run(tmp_path / "nowhere.csv")
