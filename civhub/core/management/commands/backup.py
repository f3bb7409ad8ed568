"""`manage.py backup [path]`: the database and the media folder in one archive (core/backup.py, docs/backup.md).

Without a path the archive goes to var/backups/civhub-YYYYMMDD-HHMMSS.tar.gz. SQLite is copied with its online
backup API, PostgreSQL with pg_dump's custom format; civhub keeps running meanwhile.
"""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.core.backup import BackupError, default_path, make_backup
from civhub.core.commands import CivhubCommand, writable_or_fail


class Command(CivhubCommand):
    help = gettext_lazy("Back up the database and the media folder into one archive (.tar.gz).")

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?",
                            help=_("the archive to write (default: var/backups/civhub-<time>.tar.gz)"))

    def handle(self, *args, path: str | None, **options):
        target = Path(path) if path else default_path()
        if path:
            writable_or_fail(target)
        try:
            made = make_backup(target)
        except BackupError as error:
            raise CommandError(str(error), returncode=1) from None
        # A fixed English line, like verify_ledger's: the backup job's log and monitoring read it.
        self.stdout.write(f"backup of the {made.engine} database and {made.media_files} media files written to "
                          f"{made.path}")
