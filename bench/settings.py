"""Settings for `python -m bench.load` only: civhub's own, with the benchmark's floor views added to the URLs.

Nothing in civhub imports this module, so the floors are never reachable in production.
"""

from civhub.settings import *  # noqa: F403 - the production settings, unchanged but for the URLconf

ROOT_URLCONF = "bench.urls"
