"""Every civhub management command explains itself: `manage.py <command> --help` prints its help."""

import pytest
from django.core.management import get_commands, load_command_class

CIVHUB_COMMANDS = sorted((name, app) for name, app in get_commands().items() if app.startswith("civhub."))


def test_the_project_has_commands():
    assert len(CIVHUB_COMMANDS) >= 10


@pytest.mark.parametrize(("name", "app"), CIVHUB_COMMANDS, ids=[name for name, _ in CIVHUB_COMMANDS])
def test_help_formats_with_translated_texts(name, app):
    text = load_command_class(app, name).create_parser("manage.py", name).format_help()

    assert text.startswith(f"usage: manage.py {name}")
