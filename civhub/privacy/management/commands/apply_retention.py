"""`manage.py apply_retention [--apply]`: anonymise the personal data past their retention term (privacy/retention.py).

Without `--apply` it only reports what it would do (a dry run); with it, it anonymises and writes an audit record
per centre, and removes the files made in the background that are older than a week. Run daily, after the backup
(docs/backup.md).
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.core.commands import CivhubCommand, date_or_fail
from civhub.core.formatting import format_date
from civhub.privacy.retention import apply_retention


class Command(CivhubCommand):
    help = gettext_lazy("Anonymise the personal data past their retention term (registrations, enrolments) and "
                        "report the ledgers past their retention date. A dry run unless --apply is given.")

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help=_("anonymise (without it: only report)"))
        parser.add_argument("--today", help=_("the date to apply the rules on (YYYY-MM-DD; default: today)"))

    def handle(self, *args, apply: bool, today: str | None, **options):
        day = date_or_fail(today) or timezone.localdate()
        labels = {"registrations": _("registrations past their term"), "enrolments": _("enrolments past their term"),
                  "interests": _("interest in courses past its term"),
                  "files": _("files made in the background, older than a week")}
        for outcome in apply_retention(today=day, apply=apply):
            if outcome.rule == "ledger":
                self.stdout.write(self._ledger_line(outcome, day))
                continue
            done = self._done(outcome, apply)
            self.stdout.write(f"{outcome.centre.slug}: {labels[outcome.rule]}: {outcome.count} ({done})")
        if not apply:
            self.stdout.write(_("Dry run: nothing was changed. Run with --apply to anonymise."))

    @staticmethod
    def _done(outcome, apply: bool) -> str:
        if outcome.rule == "files":
            return _("removed") if outcome.applied else _("nothing to do") if apply else _("to remove")
        if outcome.applied:
            return _("anonymised")
        return _("nothing to do") if apply else _("to anonymise")

    @staticmethod
    def _ledger_line(outcome, day) -> str:
        slug = outcome.centre.slug
        if outcome.until is None:
            return _("%(centre)s: ledger: no grant, no retention date") % {"centre": slug}
        if outcome.until >= day:
            return _("%(centre)s: ledger: kept until %(date)s") % {"centre": slug, "date": format_date(outcome.until)}
        return _("%(centre)s: ledger: %(count)s contributions past their retention date (%(date)s); they are not "
                 "changed here (the hash chain covers them): deleting the centre's records is a decision of their "
                 "own") % {"centre": slug, "count": outcome.count, "date": format_date(outcome.until)}
