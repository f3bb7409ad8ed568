"""Importing a published regional forecast (docs/formats.md §9) and removing one.

All or nothing: a file with any bad row writes nothing and raises `PublishedImportError` with every error. An
edition and region are imported once; importing them again replaces the forecast and all its rows in one
transaction, audited as a replacement.
"""

import io

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.core.audit import record_event
from civhub.hca.errors import HcaError
from civhub.hca.models import Occupation, PublishedForecast, PublishedForecastRow
from civhub.hca.permissions import ensure_may_manage
from civhub.hca.published_file import DEFAULT_TYPOLOGY, PublishedFile, parse_typology, read_published

TEXT_FIELDS = {"publisher": 120, "edition": 200, "region": 120}


class PublishedImportError(HcaError):
    """The file has bad rows: `report` lists every one; nothing was written."""

    def __init__(self, report: PublishedFile):
        super().__init__(report.errors[0].message if len(report.errors) == 1 else _(
            "The file has %(count)d errors; nothing was written.") % {"count": len(report.errors)})
        self.report = report


def check_published_file(*, centre, file_name: str, content: bytes) -> PublishedFile:
    """Read the file against the centre's occupations without writing anything (the page's preview)."""
    occupations = {name.lower(): pk for pk, name in Occupation.objects.filter(centre=centre).values_list("pk", "name")}
    return read_published(io.BytesIO(content), file_name, occupations=occupations)


def import_published_forecast(*, actor, centre, file_name: str, content: bytes, publisher, edition, region,
                              first_year, last_year, source_url="", typology=None,
                              illustrative=False) -> PublishedForecast:
    """Store an edition of a published forecast with its rows as published (see the module).

    `typology` is the edition's [[bound, label], ..., [None, label]] (published_file.parse_typology) or its text
    as the command line takes it (`0.85:zeer goed,…,slecht`); without it the 2021 edition's typology is stored.
    """
    ensure_may_manage(actor, centre)
    if isinstance(typology, str):  # as the command line writes it
        try:
            typology = parse_typology(typology)
        except ValueError as error:
            raise HcaError(str(error), field="typology") from None
    fields = _edition_fields(publisher=publisher, edition=edition, region=region, first_year=first_year,
                             last_year=last_year, source_url=source_url)
    report = check_published_file(centre=centre, file_name=file_name, content=content)
    if not report.ok:
        raise PublishedImportError(report)
    with transaction.atomic():
        old = (PublishedForecast.objects.select_for_update()
               .filter(centre=centre, edition=fields["edition"], region=fields["region"]).first())
        replaced = old.rows.all().delete()[0] if old else None
        forecast = old or PublishedForecast(centre=centre)
        for key, value in {**fields, "imported_by": actor, "imported_at": timezone.now(), "illustrative": illustrative,
                           "typology": typology if typology is not None else DEFAULT_TYPOLOGY}.items():
            setattr(forecast, key, value)
        forecast.save()
        PublishedForecastRow.objects.bulk_create([PublishedForecastRow(
            forecast=forecast, subject=row.subject, name=row.name, occupation_id=row.occupation_id,
            employment=row.employment, expansion=row.expansion, replacement=row.replacement, supply=row.supply,
            ita=row.ita, typology=row.typology) for row in report.rows])
        record_event(forecast, actor=actor, action="published_forecast_replaced" if old else
                     "published_forecast_imported", centre=centre, summary=str(forecast),
                     changes={"file": file_name, "rows": len(report.rows), **({"replaced_rows": replaced}
                                                                              if old else {})})
    return forecast


def delete_published_forecast(*, actor, forecast: PublishedForecast) -> None:
    """Remove an edition and its rows, audited (the event keeps what it was)."""
    ensure_may_manage(actor, forecast.centre)
    with transaction.atomic():
        forecast = PublishedForecast.objects.select_for_update().get(pk=forecast.pk)
        record_event(forecast, actor=actor, action="published_forecast_deleted", centre=forecast.centre,
                     summary=str(forecast), changes={"rows": forecast.rows.count()})
        forecast.delete()


def _edition_fields(*, publisher, edition, region, first_year, last_year, source_url) -> dict:
    fields = {key: str(value or "").strip() for key, value in
              (("publisher", publisher), ("edition", edition), ("region", region))}
    for key, length in TEXT_FIELDS.items():
        if not fields[key]:
            raise HcaError(_("Give the publisher, the edition and the region."), field=key)
        if len(fields[key]) > length:
            raise HcaError(_("At most %(count)d characters.") % {"count": length}, field=key)
    if not (1900 <= int(first_year) <= int(last_year) <= 2200):
        raise HcaError(_("The period runs from its first year to its last year, e.g. 2023–2028."), field="last_year")
    source_url = (source_url or "").strip()
    if source_url and not source_url.startswith(("http://", "https://")):
        raise HcaError(_("The source is a web address starting with https://."), field="source_url")
    return {**fields, "first_year": int(first_year), "last_year": int(last_year), "source_url": source_url}
