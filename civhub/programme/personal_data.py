"""The programme's personal data (see core/personal_data.py): who recorded a KPI's actual value."""

from django.utils.translation import gettext_lazy as _

from civhub.core import personal_data
from civhub.core.personal_data import Source, entered_by

personal_data.register(Source(
    name="programme.kpi_actuals", fields={"programme.KpiActual": ("recorded_by",)},
    export=entered_by("programme.KpiActual", ("recorded_by",), "kpi__name", "date", "value", "source",
                      "recorded_at"),
    description=_("Values of key figures (KPIs) that you recorded.")))
personal_data.impersonal("programme.Kpi", "name", reason="the name of a key figure")
