"""Hostile spreadsheets: a zip bomb, too many shared strings, an endless row or column, a NUL byte.

Every import reads its file through `civhub.ledger.imports.parsing.open_table`, which asks
`civhub.core.uploads` before openpyxl unpacks anything (docs/security.md, "Hostile input").
"""

import io
import re
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.utils import translation

import civhub
from civhub.core import uploads
from civhub.ledger.imports.parsing import Column, FileError, open_table

COLUMNS = [Column("extern_id", ("extern_id",)), Column("description", ("omschrijving",), required=False)]
SHARED_STRINGS = "xl/sharedStrings.xml"
SHEET = "xl/worksheets/sheet1.xml"
CONTENT_TYPES = "[Content_Types].xml"
SHARED_STRINGS_TYPE = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                       b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" />')


@pytest.fixture(autouse=True)
def _english(english_messages):
    """The messages are asserted in English."""


def workbook(*rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rezipped(data: bytes, parts: dict) -> bytes:
    """The workbook with some parts replaced or added; a part may be bytes or an iterable of chunks.

    Added shared strings are named in the content types, so openpyxl would read them all (a real bomb)."""
    if SHARED_STRINGS in parts:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            types = archive.read(CONTENT_TYPES)
        parts = {CONTENT_TYPES: types.replace(b"</Types>", SHARED_STRINGS_TYPE + b"</Types>"), **parts}
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename not in parts:
                target.writestr(item, source.read(item))
        for name, content in parts.items():
            with target.open(name, "w", force_zip64=False) as stream:
                for chunk in [content] if isinstance(content, bytes) else content:
                    stream.write(chunk)
    return buffer.getvalue()


def shared_strings(count: int, text: bytes = b"a") -> list[bytes]:
    """A shared-strings part of `count` strings, in chunks (it may be far larger than the test wants to hold)."""
    item = b"<si><t>" + text + b"</t></si>"
    head = b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    per_chunk = max(1, (1 << 20) // len(item))
    chunks = [head]
    for start in range(0, count, per_chunk):
        chunks.append(item * min(per_chunk, count - start))
    return [*chunks, b"</sst>"]


def read(data: bytes, name: str = "bijdragen.xlsx") -> list:
    return list(open_table(io.BytesIO(data), name, COLUMNS).rows())


def refused(data: bytes, name: str = "bijdragen.xlsx") -> str:
    with pytest.raises(FileError) as caught:
        read(data, name)
    return str(caught.value)


@pytest.fixture
def no_openpyxl(monkeypatch):
    """openpyxl must not be asked to unpack a refused workbook."""
    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl was called on a file the guard should have refused")
    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def test_a_zip_bomb_workbook_is_refused_quickly_in_little_memory_before_openpyxl(no_openpyxl):
    # 300 MB of shared strings in a deflated member of well under a megabyte.
    bomb = rezipped(workbook(["extern_id"], ["a-1"]), {SHARED_STRINGS: shared_strings((300 << 20) // 17)})
    assert len(bomb) < 2 << 20
    tracemalloc.start()
    started = time.perf_counter()
    message = refused(bomb)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "unpacks to far more data than an import can hold" in message
    assert seconds < 2 and peak < 8 << 20


def test_the_refusal_is_in_dutch_for_dutch_users(no_openpyxl):
    bomb = rezipped(workbook(["extern_id"], ["a-1"]), {SHARED_STRINGS: shared_strings((100 << 20) // 17)})
    with translation.override("nl"):
        assert "Deze Excel-werkmap pakt uit tot veel meer gegevens dan een import aankan" in refused(bomb)


def test_more_tiny_shared_strings_than_the_limit_are_refused_while_streaming(monkeypatch, no_openpyxl):
    # A lower limit, so that the test stays small; the strings still span several chunks.
    monkeypatch.setattr(uploads, "MAX_SHARED_STRINGS", 100_000)
    bomb = rezipped(workbook(["extern_id"], ["a-1"]), {SHARED_STRINGS: shared_strings(100_001)})
    tracemalloc.start()
    message = refused(bomb)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "unpacks to far more data" in message
    assert peak < 8 << 20


def test_exactly_the_limit_of_shared_strings_passes_the_guard(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_SHARED_STRINGS", 100_000)
    uploads.check_xlsx(io.BytesIO(rezipped(workbook(["extern_id"]), {SHARED_STRINGS: shared_strings(100_000)})))


def test_a_cell_longer_than_a_spreadsheet_cell_is_refused(no_openpyxl):
    long_text = b"x" * (uploads.MAX_TEXT_RUN + 10)
    assert "more text than a spreadsheet cell can" in refused(
        rezipped(workbook(["extern_id"], ["a-1"]), {SHARED_STRINGS: shared_strings(1, long_text)}))


def test_a_workbook_of_many_members_is_refused(no_openpyxl):
    many = {f"xl/media/p{index}.bin": b"" for index in range(uploads.MAX_MEMBERS + 1)}
    assert "unpacks to far more data" in refused(rezipped(workbook(["extern_id"]), many))


def test_a_sheet_that_names_a_row_past_the_last_row_of_a_spreadsheet_is_refused():
    data = workbook(["extern_id"], ["a-1"])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read(SHEET)
    far = sheet.replace(b"</sheetData>", b'<row r="2000000"><c r="A2000000" t="inlineStr"><is><t>x</t></is></c>'
                                         b"</row></sheetData>")
    started = time.perf_counter()
    assert "past row 1.048.576" in refused(rezipped(data, {SHEET: far}))
    assert time.perf_counter() - started < 10


def test_a_row_wider_than_any_import_is_refused():
    book = openpyxl.Workbook()
    book.active.append(["extern_id"])
    book.active.cell(row=2, column=uploads.MAX_COLUMNS + 1, value="x")
    buffer = io.BytesIO()
    book.save(buffer)
    assert "Row 2 has more than 1.000 columns" in refused(buffer.getvalue())


def test_a_csv_row_of_a_million_cells_is_refused():
    assert "Row 2 has more than 1.000 columns" in refused(b"extern_id\n" + b"," * 1_000_000 + b"\n", "b.csv")


def test_a_nul_character_in_a_cell_is_refused_with_its_row_and_column():
    # XML cannot carry a NUL (an XLSX with one is unreadable); a CSV can.
    with pytest.raises(FileError) as caught:
        read(b"extern_id;omschrijving\na-1;goed\na-2;met\x00nul\n", "b.csv")
    assert "Row 3, column omschrijving holds a NUL character" in str(caught.value)
    assert caught.value.row == 3


def test_a_nul_character_in_the_header_is_refused():
    assert "The header holds a NUL character" in refused(b"extern_id;omschr\x00ijving\na-1;x\n", "b.csv")


def test_a_normal_workbook_still_reads():
    rows = [["extern_id", "omschrijving"], *([f"a-{index}", f"Werk {index}"] for index in range(2_000))]
    read_back = read(workbook(*rows))
    assert len(read_back) == 2_000 and read_back[0] == (2, {"extern_id": "a-0", "description": "Werk 0"})


def test_the_guard_leaves_the_file_where_it_was():
    file = io.BytesIO(workbook(["extern_id"], ["a-1"]))
    file.seek(3)
    uploads.check_xlsx(file)
    assert file.tell() == 3


def test_the_guard_reads_a_large_allowed_part_in_linear_time():
    # 20 MB of 1,000-character strings: allowed, and read at the speed of unpacking (a regex over the runs of
    # text took 4 s for 6 MB, trying each start again).
    data = rezipped(workbook(["extern_id"]), {SHARED_STRINGS: shared_strings(20_000, b"x" * 1_000)})
    started = time.perf_counter()
    uploads.check_xlsx(io.BytesIO(data))
    assert time.perf_counter() - started < 2


def test_every_import_reads_its_file_through_the_guarded_parser():
    """Only ledger/imports/parsing.py opens a spreadsheet or a CSV; a new import that read one itself would
    skip the limits above."""
    readers = re.compile(r"\bload_workbook\b|^\s*import openpyxl|csv\.(reader|DictReader)\b", re.M)
    root = Path(civhub.__file__).parent
    found = [path.relative_to(root).as_posix() for path in root.rglob("*.py") if readers.search(path.read_text())]
    assert found == ["ledger/imports/parsing.py"]
