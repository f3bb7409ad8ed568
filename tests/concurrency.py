"""People acting at the same moment, for the tests of row locks (PostgreSQL: SQLite's test database is one shared
memory file and cannot hold a lock between two connections)."""

import threading

import pytest
from django.db import connection, connections

POSTGRES_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs row locks between connections; SQLite's test database is one shared memory file")


def at_once(work, arguments) -> list[Exception]:
    """Run work(argument) in one thread per argument, released together; the exceptions they raised, in no order."""
    barrier, errors = threading.Barrier(len(arguments)), []

    def run(argument):
        try:
            barrier.wait(timeout=10)
            work(argument)
        except Exception as error:  # noqa: BLE001 - handed to the test, which says what it expects
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=[argument]) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors
