"""`manage.py verify_ledger --centre SLUG`: recompute the centre's hash chain of accepted entries.

Exit 0 with a summary line when every stored entry matches its hash; exit 1 naming the
first entry that does not (an accepted entry was changed or removed outside civhub).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from civhub.ledger.chain import verify_chain
from civhub.ledger.management.commands._common import centre_or_fail


class Command(BaseCommand):
    help = gettext_lazy("Check the tamper evidence of a centre's ledger: recompute the hash of every accepted entry.")

    def add_arguments(self, parser):
        parser.add_argument("--centre", required=True, help=gettext_lazy("the centre's slug"))

    def handle(self, *args, centre: str, **options):
        centre = centre_or_fail(centre)
        report = verify_chain(centre)
        if report.broken is not None:
            entry = report.broken
            self.stderr.write(_("entry %(id)s (extern_id “%(extern_id)s”, partner %(partner)s, position %(index)s): "
                                "%(problem)s") % {"id": entry.pk, "extern_id": entry.extern_id,
                                                  "partner": entry.partnership.short_code,
                                                  "index": entry.chain_index, "problem": report.problem})
            raise CommandError(ngettext(
                "the ledger of %(slug)s is broken at entry %(id)s; the %(count)s entry before it is intact.",
                "the ledger of %(slug)s is broken at entry %(id)s; the %(count)s entries before it are intact.",
                report.checked,
            ) % {"slug": centre.slug, "id": entry.pk, "count": report.checked}, returncode=1)
        # A fixed English line, like the importers' summary: scripts and monitoring read it.
        self.stdout.write(f"ledger of {centre.slug}: {report.checked} accepted entries, chain intact")
