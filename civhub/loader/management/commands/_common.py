"""What the loader's commands share: reading a definition file and reporting its problems."""

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from civhub.loader.definition import DefinitionError, read_definition
from civhub.loader.services import LoadError, LoadResult, load_centre_definition
from civhub.loader.specs import CentreDefinition


def read_or_fail(command: BaseCommand, path) -> CentreDefinition:
    """The checked definition; else every problem on stderr and a CommandError (exit status 1)."""
    try:
        return read_definition(path)
    except DefinitionError as error:
        for message in error.errors:
            command.stderr.write(message)
        raise CommandError(ngettext(
            "%(path)s has %(count)d error; nothing was written.",
            "%(path)s has %(count)d errors; nothing was written.",
            len(error.errors),
        ) % {"path": path, "count": len(error.errors)}, returncode=1) from None


def load_or_fail(definition: CentreDefinition) -> LoadResult:
    """Load the definition; a conflict with the database becomes a CommandError (exit status 1)."""
    try:
        return load_centre_definition(definition=definition)
    except LoadError as error:
        raise CommandError(_("%(error)s; nothing was written.") % {"error": error}, returncode=1) from None
    except IntegrityError as error:
        # A clash the checks could not foresee (e.g. short codes swapped between two partners).
        raise CommandError(_("the file conflicts with the database (%(error)s); nothing was written.")
                           % {"error": error}, returncode=1) from None
