"""What the ledger's commands share: finding the centre and the acting user, opening files, reporting errors."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from civhub.accounts.models import User
from civhub.core.models import Centre
from civhub.ledger.imports.report import ImportReport


def centre_or_fail(slug: str) -> Centre:
    try:
        return Centre.objects.get(slug=slug)
    except Centre.DoesNotExist:
        raise CommandError(_("There is no centre “%(slug)s”.") % {"slug": slug}, returncode=1) from None


def user_or_fail(email: str) -> User:
    try:
        return User.objects.get(email__iexact=email.strip(), is_active=True)
    except User.DoesNotExist:
        raise CommandError(_("There is no active user with e-mail address %(email)s.") % {"email": email},
                           returncode=1) from None


def open_or_fail(path: str):
    """The file opened for binary reading (the caller closes it)."""
    try:
        return Path(path).open("rb")
    except OSError as error:
        raise CommandError(_("%(path)s cannot be opened: %(error)s") % {"path": path, "error": error.strerror},
                           returncode=1) from None


def report_or_fail(command: BaseCommand, report: ImportReport) -> None:
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
