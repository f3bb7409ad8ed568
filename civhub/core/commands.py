"""What the management commands of every app share: finding the centre and the acting user, opening files,
reporting an import's errors. Each helper turns a mistake on the command line into a CommandError with
exit status 1 and a message in the reader's language.
"""

import os
import tempfile
from datetime import date
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


def date_or_fail(text: str | None) -> date | None:
    """The YYYY-MM-DD date of an option, None when it was not given."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(_("“%(value)s” is not a date: use YYYY-MM-DD.") % {"value": text}, returncode=1) from None


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


def writable_or_fail(path: Path) -> Path:
    """The output path, once we know a file can be created there: its folder exists and takes new files."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise CommandError(_("%(path)s is a folder; give a file name.") % {"path": path}, returncode=1)
    if not folder.is_dir():
        raise CommandError(_("%(path)s cannot be written: the folder %(folder)s does not exist.")
                           % {"path": path, "folder": folder}, returncode=1)
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CommandError(_("%(path)s cannot be written: permission denied.") % {"path": path}, returncode=1)
    return path


def write_atomically(target: Path, write) -> None:
    """Write through a temporary file in the target's folder, renamed over the target once complete."""
    try:
        descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as error:
        raise CommandError(_("%(path)s cannot be written: %(error)s") % {"path": target, "error": error.strerror},
                           returncode=1) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            write(handle)
        os.chmod(temporary, 0o644)  # mkstemp makes the file private; a report is an ordinary file
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
