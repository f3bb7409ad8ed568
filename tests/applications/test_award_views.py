"""The pages of submitting and the award: the confirmation page lists what is missing, the downloads serve the
frozen files, the award's confirmation page shows the scaled figures, and the monitor shows the forecast."""

import hashlib
from datetime import date
from decimal import Decimal as D
from html import unescape

import pytest
from django.urls import reverse

from civhub.applications.models import Application, ApplicationPart, AwardScaling, SubmittedCopy
from civhub.applications.services.award import award_application
from civhub.applications.services.submission import submit_application
from civhub.core.models import Grant
from civhub.ledger.models import Contribution
from tests.applications.support import (
    application,
    cost,
    partner_cash,
    partner_in_kind,
    ready,
    regulation,
    submitted_with,
    subsidy,
)
from tests.ledger.builders import entry
from tests.partners.factories import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def url(name, centre, *args):
    return reverse(f"applications:{name}", args=[centre.slug, *args])


def text(response) -> str:
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_the_submit_page_lists_what_is_missing_and_offers_no_button(centre, partner_a, partner_b,
                                                                  programme_manager):
    made = ready(application(centre), partner_a, partner_b)
    made.parts.filter(kind="budget").update(status=ApplicationPart.Status.REVIEW)
    client = client_for(programme_manager)
    html = text(client.get(url("submit", centre, made.pk)))
    assert "Multi-year budget is not done yet (status: ready for review)." in html
    assert "Submit and freeze the copy" not in html
    response = client.post(url("submit", centre, made.pk))
    assert response.status_code == 302 and not SubmittedCopy.objects.exists()


def test_the_office_submits_and_the_downloads_serve_the_frozen_files(centre, partner_a, partner_b,
                                                                   programme_manager, steering_member):
    made = ready(application(centre), partner_a, partner_b)
    client = client_for(programme_manager)
    assert "Submit and freeze the copy" in text(client.get(url("submit", centre, made.pk)))
    response = client.post(url("submit", centre, made.pk))
    assert response.status_code == 302 and response["Location"] == url("workspace", centre, made.pk)
    copy = SubmittedCopy.objects.get()
    html = text(client.get(response["Location"]))
    assert copy.pdf_sha256 in html and "Record the award" in html
    reader = client_for(steering_member)
    for name, digest in (("application_pdf", copy.pdf_sha256), ("budget_annex", copy.xlsx_sha256)):
        download = reader.get(url(name, centre, made.pk))
        assert download.status_code == 200 and hashlib.sha256(download.content).hexdigest() == digest
    assert "Record the award" not in text(reader.get(url("workspace", centre, made.pk)))


def test_the_award_page_shows_the_scaled_figures_before_it_confirms(centre, partner_a, partner_b,
                                                                   finance_controller):
    made = ready(application(centre, regulation=regulation(report_due_months=[13, 25, 37])), partner_a, partner_b)
    submit_application(application=made, actor=finance_controller)
    client = client_for(finance_controller)
    form = text(client.get(url("award", centre, made.pk)))
    assert 'value="300000.00"' in form
    data = {"decision_date": "2021-11-15", "decision_reference": "RIF21-0042", "amount_granted": "200000.00"}
    html = text(client.post(url("award", centre, made.pk), data))
    assert "A partial award." in html and "66.67%" in html
    assert "EUR 300,000.00" in html and "EUR 200,000.00" in html  # Partner A's 450,000 in kind goes to 300,000
    assert "Progress report 1" in html and "1 February 2023" in html
    made.refresh_from_db()
    assert made.status == Application.Status.SUBMITTED  # nothing is written before the confirmation
    response = client.post(url("award", centre, made.pk), {**data, "confirm": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("grants:monitor", args=[centre.slug])
    made.refresh_from_db()
    assert made.status == Application.Status.AWARDED and made.award.grant.amount == D("200000.00")


def checked(html) -> str:
    """The value of the checked way of scaling."""
    return html.split(' checked>')[0].rsplit('value="', 1)[1].split('"')[0]


def test_the_office_chooses_how_a_partial_award_scales_the_budget(centre, partner_a, partner_b, programme_manager):
    """Granted 240,000.00 of 300,000.00: in proportion co-financing 480,000.00 (ratio 2.00); keeping the partners
    600,000.00 (2.50), the costs 450,000 − 60,000 = 390,000.00."""
    made = ready(application(centre, regulation=regulation(report_due_months=[13, 25, 37])), partner_a, partner_b)
    submit_application(application=made, actor=programme_manager)
    client = client_for(programme_manager)
    data = {"decision_date": "2021-11-15", "decision_reference": "RIF21-0042", "amount_granted": "240000.00"}
    html = text(client.post(url("award", centre, made.pk), data))
    assert "<legend>Choose how the partial award scales the budget</legend>" in html
    assert checked(html) == "proportional"
    assert '<dd data-figure="cofinancing">EUR 480,000.00</dd>' in html and '<dd data-figure="ratio">2.00</dd>' in html
    assert 'data-check="employers"' in html and "This way cannot be confirmed" not in html
    html = text(client.post(url("award", centre, made.pk), {**data, "scaling": "keep_partners", "show": "1"}))
    assert checked(html) == "keep_partners"
    assert '<dd data-figure="cofinancing">EUR 600,000.00</dd>' in html and '<dd data-figure="ratio">2.50</dd>' in html
    assert "EUR 390,000.00" in html and '<input type="hidden" name="scaling" value="keep_partners">' in html
    made.refresh_from_db()
    assert made.status == Application.Status.SUBMITTED  # switching writes nothing
    response = client.post(url("award", centre, made.pk), {**data, "scaling": "keep_partners", "confirm": "1"})
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.award.scaling == AwardScaling.KEEP_PARTNERS and made.award.grant.amount == D("240000.00")


def test_a_way_that_breaks_the_rules_cannot_be_confirmed(centre, partner_a, partner_b, programme_manager):
    """Employers 590,000 of 900,000; granted 240,000.00 with the partners kept: 590,000 is 30,000.00 more than two
    thirds of 840,000."""
    def build(made):
        subsidy(made, 2022, "300000.00")
        partner_in_kind(made, partner_a, 2022, "590000.00")
        partner_cash(made, partner_b, 2023, "10000.00")
        cost(made, 2022, 1, "310000.00")
    made = submitted_with(centre, partner_a, partner_b, programme_manager, build)
    client = client_for(programme_manager)
    data = {"decision_date": "2021-11-15", "decision_reference": "RIF21-0042", "amount_granted": "240000.00",
            "scaling": "keep_partners"}
    html = text(client.post(url("award", centre, made.pk), {**data, "show": "1"}))
    assert "This way cannot be confirmed." in html and "Employers bring EUR 30,000.00 too much" in html
    assert 'name="confirm"' not in html
    response = client.post(url("award", centre, made.pk), {**data, "confirm": "1"})
    assert response.status_code == 400 and not Grant.objects.exists()
    html = unescape(response.content.decode())
    assert "The budget cannot be scaled this way" in html and "Employers bring EUR 30,000.00 too much" in html
    assert checked(html) == "keep_partners"  # the confirmation page again, with the reason
    html = text(client.post(url("award", centre, made.pk), {**data, "scaling": "proportional", "show": "1"}))
    assert "This way cannot be confirmed." not in html and 'name="confirm"' in html


def test_a_bad_amount_comes_back_on_the_form(centre, partner_a, partner_b, programme_manager):
    made = ready(application(centre), partner_a, partner_b)
    submit_application(application=made, actor=programme_manager)
    response = client_for(programme_manager).post(url("award", centre, made.pk), {
        "decision_date": "2021-11-15", "decision_reference": "RIF21-0042", "amount_granted": "300000.01"})
    assert response.status_code == 400
    assert "is more than the subsidy asked" in unescape(response.content.decode())


def test_the_monitor_shows_the_continuation_forecast_beside_the_real_figures(centre, partner_a, partner_b,
                                                                           programme_manager):
    made = ready(application(centre), partner_a, partner_b)
    submit_application(application=made, actor=programme_manager)
    award_application(application=made, actor=programme_manager, amount_granted=D("300000.00"),
                      decision_date=date(2021, 11, 15), decision_reference="RIF21-0042")
    entry(partner_a, programme_manager, status=Contribution.Status.ACCEPTED, day=date(2026, 3, 1),
          amount=D("1234.00"))
    html = text(client_for(programme_manager).get(reverse("grants:monitor", args=[centre.slug])))
    assert "After the subsidy: the forecast and the real figures" in html
    row = html.split('data-year="2026"')[1].split("</tr>")[0]
    assert [cell for cell in ("EUR 10,000.00", "EUR 8,000.00", "EUR 2,000.00", "EUR 1,234.00") if cell in row] == [
        "EUR 10,000.00", "EUR 8,000.00", "EUR 2,000.00", "EUR 1,234.00"]
