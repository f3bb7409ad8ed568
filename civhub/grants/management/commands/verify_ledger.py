"""`manage.py verify_ledger --centre SLUG`: recompute the centre's hash chains (contributions and expenditure).

Exit 0 with a summary line when every record matches its hash and each chain still holds
the head recorded at the last report submitted or period closed; exit 1 naming the first
broken record of either chain (a record changed, inserted or removed outside civhub).
The command lives in `grants` because it checks the subsidy's expenditure chain too.
"""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from civhub.core.commands import CivhubCommand, centre_or_fail
from civhub.grants.chain import verify_expenditure_chain
from civhub.ledger.chain import verify_chain


class Command(CivhubCommand):
    help = gettext_lazy("Check the tamper evidence of a centre's ledger: recompute the hash of every accepted "
                        "contribution and every expenditure entry.")

    def add_arguments(self, parser):
        parser.add_argument("--centre", required=True, help=_("the centre's slug"))

    def handle(self, *args, centre: str, **options):
        centre = centre_or_fail(centre)
        contributions = verify_chain(centre)
        if not contributions.ok:
            self._fail(centre, _("contributions"), contributions, self._describe_entry)
        expenditure_total = 0
        for grant in centre.grants.order_by("start"):
            report = verify_expenditure_chain(grant)
            if not report.ok:
                self._fail(centre, _("expenditure of %(grant)s") % {"grant": grant}, report, self._describe_cost)
            expenditure_total += report.checked
        # A fixed English line, like the importers' summary: scripts and monitoring read it.
        self.stdout.write(f"ledger of {centre.slug}: {contributions.checked} accepted entries, "
                          f"{expenditure_total} expenditure entries, chains intact")

    def _fail(self, centre, chain_name: str, report, describe) -> None:
        record = _("the end of the chain") if report.broken is None else describe(report.broken)
        self.stderr.write(_("%(chain)s: %(record)s: %(problem)s")
                          % {"chain": chain_name, "record": record, "problem": report.problem})
        where = _("the end of the chain") if report.broken is None else _("record %(id)s") % {"id": report.broken.pk}
        raise CommandError(ngettext(
            "the ledger of %(slug)s is broken in its %(chain)s at %(where)s; the %(count)s record before it is intact.",
            "the ledger of %(slug)s is broken in its %(chain)s at %(where)s; the %(count)s records before it are "
            "intact.", report.checked) % {"slug": centre.slug, "chain": chain_name, "where": where,
                                          "count": report.checked}, returncode=1)

    @staticmethod
    def _describe_entry(entry) -> str:
        return _("entry %(id)s (extern_id “%(extern_id)s”, partner %(partner)s, position %(index)s)") % {
            "id": entry.pk, "extern_id": entry.extern_id, "partner": entry.partnership.short_code,
            "index": entry.chain_index}

    @staticmethod
    def _describe_cost(entry) -> str:
        return _("expenditure %(id)s (extern_id “%(extern_id)s”, %(date)s, position %(index)s)") % {
            "id": entry.pk, "extern_id": entry.extern_id, "date": entry.date.isoformat(),
            "index": entry.chain_index}
