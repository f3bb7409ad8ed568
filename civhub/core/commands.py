"""What the management commands of every app share: finding the centre and the acting user, opening files,
reporting an import's errors. Each helper turns a mistake on the command line into a CommandError with
exit status 1 and a message in the reader's language.
"""

from pathlib import Path
from typing import Protocol

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from civhub.core.models import Centre


class CivhubCommand(BaseCommand):
    """A management command whose `help` may be a lazy translation: argparse formats only plain strings."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)


class Report(Protocol):
    """What an import hands back (the ledger's and the grant's ImportReport)."""

    ok: bool
    errors: list
    file_name: str

    def summary(self) -> str: ...


def centre_or_fail(slug: str) -> Centre:
    try:
        return Centre.objects.get(slug=slug)
    except Centre.DoesNotExist:
        raise CommandError(_("There is no centre “%(slug)s”.") % {"slug": slug}, returncode=1) from None


def user_or_fail(email: str):
    """The active user with this e-mail address (the user model is the accounts app's, found through settings)."""
    user_model = get_user_model()
    try:
        return user_model.objects.get(email__iexact=email.strip(), is_active=True)
    except user_model.DoesNotExist:
        raise CommandError(_("There is no active user with e-mail address %(email)s.") % {"email": email},
                           returncode=1) from None


def open_or_fail(path: str):
    """The file opened for binary reading (the caller closes it)."""
    try:
        return Path(path).open("rb")
    except OSError as error:
        raise CommandError(_("%(path)s cannot be opened: %(error)s") % {"path": path, "error": error.strerror},
                           returncode=1) from None


def report_or_fail(command: BaseCommand, report: Report) -> None:
    """Every error on stderr and exit status 1; else the summary line on stdout."""
    if report.ok:
        command.stdout.write(report.summary())
        return
    for error in report.errors:
        command.stderr.write(str(error))
    raise CommandError(ngettext(
        "%(file)s has %(count)d error; nothing was written.",
        "%(file)s has %(count)d errors; nothing was written.",
        len(report.errors),
    ) % {"file": report.file_name, "count": len(report.errors)}, returncode=1)
