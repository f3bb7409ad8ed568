"""`manage.py restore <archive> [--database-url URL] [--force]`: put a backup back (core/backup.py).

Into the configured database, or the one --database-url names; it must be empty (a new SQLite file, or a database
just made with createdb), and so must the media folder, unless --force is given, which overwrites them.
"""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.core.backup import BackupError, restore_backup, target_of
from civhub.core.commands import CivhubCommand


class Command(CivhubCommand):
    help = gettext_lazy("Restore a backup made by `manage.py backup` into an empty database and media folder.")

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("the archive made by manage.py backup"))
        parser.add_argument("--database-url", help=_("restore into this database instead of the configured one"))
        parser.add_argument("--force", action="store_true",
                            help=_("overwrite a database and media folder that are not empty"))

    def handle(self, *args, path: str, database_url: str | None, force: bool, **options):
        if not Path(path).is_file():
            raise CommandError(_("%(path)s does not exist.") % {"path": path}, returncode=1)
        try:
            target = target_of(database_url)
            manifest = restore_backup(Path(path), target=target, force=force)
        except BackupError as error:
            raise CommandError(str(error), returncode=1) from None
        self.stdout.write(f"restored the {manifest['engine']} database of {manifest['made_at']} and "
                          f"{manifest['media_files']} media files into {target.name}")
