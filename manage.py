#!/usr/bin/env python
"""Django's command-line utility for civhub."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civhub.settings")
    # A checkout with no configuration at all is a developer's: manage.py works there with
    # zero set-up. Production sets SECRET_KEY, so DEBUG keeps its default (off) there, and
    # the web server (civhub/wsgi.py) never falls back to development settings.
    if not os.environ.get("SECRET_KEY", "").strip():
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
