"""The office's published-forecast page: check (preview or every error, nothing written), import without
choosing the file again, the editions with their rows as published, removing an edition after confirming."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from civhub.hca.models import Occupation, PublishedForecast
from civhub.hca.services.published import import_published_forecast
from tests.hca.test_published import GOOD, HEADER
from tests.partners.factories import client_for, count_queries

pytestmark = pytest.mark.django_db

FIELDS = {"publisher": "ROA", "edition": "AOB 2028", "region": "Zuid-Holland", "first_year": "2023",
          "last_year": "2028", "source_url": "", "typology": ""}


@pytest.fixture(autouse=True)
def analist(centre):
    return Occupation.objects.create(centre=centre, name="analist mbo-4")


def url(centre):
    return reverse("hca:published", args=[centre.slug])


def upload(text):
    return SimpleUploadedFile("roa.csv", text.encode(), content_type="text/csv")


def test_checking_shows_the_rows_and_importing_needs_no_second_upload(centre, programme_manager):
    client = client_for(programme_manager)

    checked = client.post(url(centre), {**FIELDS, "action": "check", "file": upload(GOOD)})

    assert checked.status_code == 200 and not PublishedForecast.objects.exists()
    page = checked.content.decode()
    assert "mbo-4 laboratoriumtechniek" in page and "Import 2 rows" in page
    carried = checked.context["form"]
    imported = client.post(url(centre), {**FIELDS, "action": "import", "checked": carried["checked"].value(),
                                         "checked_name": "roa.csv"})

    forecast = PublishedForecast.objects.get()
    assert imported.status_code == 302 and imported.url.endswith(f"#edition-{forecast.pk}")
    assert forecast.rows.count() == 2 and forecast.imported_by == programme_manager


def test_a_bad_file_shows_every_error_and_writes_nothing(centre, programme_manager):
    text = HEADER + "vak;A;;0;1;1;1;;\nberoep;B;onbekend;10;1;-1;1;;\n"

    for action in ("check", "import"):
        response = client_for(programme_manager).post(url(centre), {**FIELDS, "action": action,
                                                                     "file": upload(text)})
        page = response.content.decode()
        assert response.status_code == 400
        assert "has 4 errors; nothing was written" in page
        assert page.count('<th scope="row" class="num">2</th>') == 2 and "onbekend" in page
    assert not PublishedForecast.objects.exists()


def test_the_preview_says_an_import_replaces_the_edition_imported_before(centre, programme_manager):
    import_published_forecast(actor=programme_manager, centre=centre, file_name="old.csv", content=GOOD.encode(),
                              publisher="ROA", edition="AOB 2028", region="Zuid-Holland", first_year=2023,
                              last_year=2028)

    response = client_for(programme_manager).post(url(centre), {**FIELDS, "action": "check", "file": upload(GOOD)})

    assert "was imported before; importing replaces its 2 rows" in response.content.decode()


def test_a_bad_typology_or_no_file_comes_back_on_the_form(centre, programme_manager):
    client = client_for(programme_manager)

    typology = client.post(url(centre), {**FIELDS, "typology": "1.0:goed,0.5:zeer goed,slecht", "action": "check",
                                         "file": upload(GOOD)})
    no_file = client.post(url(centre), {**FIELDS, "action": "check"})

    assert typology.status_code == 400 and "must rise" in typology.content.decode()
    assert no_file.status_code == 400 and "Choose the file to import" in no_file.content.decode()


def test_the_page_lists_each_edition_with_its_rows_and_removes_one_after_confirming(centre, programme_manager):
    forecast = import_published_forecast(
        actor=programme_manager, centre=centre, file_name="roa.csv", content=GOOD.encode(), publisher="ROA",
        edition="AOB 2028", region="Zuid-Holland", first_year=2023, last_year=2028)
    client = client_for(programme_manager)
    delete = reverse("hca:published_delete", args=[centre.slug, forecast.pk])

    page = client.get(url(centre)).content.decode()
    confirm = client.get(delete)
    assert confirm.status_code == 200 and PublishedForecast.objects.exists()
    removed = client.post(delete)

    assert "ROA: AOB 2028 (Zuid-Holland)" in page and "Laboranten" in page and "5,100" in page
    assert "0.85:zeer goed,1.00:goed,1.05:redelijk,1.15:matig,slecht" in page
    assert removed.status_code == 302 and not PublishedForecast.objects.exists()


def test_the_page_takes_the_same_queries_for_three_times_the_editions(centre, programme_manager):
    client = client_for(programme_manager)

    def add(count, start):
        for number in range(start, start + count):
            import_published_forecast(actor=programme_manager, centre=centre, file_name="roa.csv",
                                      content=GOOD.encode(), publisher="ROA", edition=f"AOB {number}",
                                      region="Zuid-Holland", first_year=2023, last_year=2028)

    add(1, 0)
    few = count_queries(client, url(centre))
    add(3, 10)
    assert count_queries(client, url(centre)) == few
