"""The revision token is read once per request (core/revisions.py), and afresh after `touch` and outside requests."""

from types import SimpleNamespace

import pytest

from civhub.accounts.permissions import centre_with_role
from civhub.core import revisions
from civhub.core.models import Centre

pytestmark = pytest.mark.django_db


@pytest.fixture
def outside_transaction(monkeypatch):
    """The tests run in a transaction, where the token is never kept: look as a page's reads do outside one."""
    monkeypatch.setattr(revisions, "connection", SimpleNamespace(in_atomic_block=False))


@pytest.fixture
def in_request():
    revisions.begin_request()
    yield
    revisions.end_request()


def test_a_request_reads_the_token_once_and_again_after_a_change(centre, outside_transaction, in_request,
                                                                django_assert_num_queries):
    revisions.touch(centre.pk)
    with django_assert_num_queries(1):
        first = revisions.token(centre.pk)
        assert revisions.token(centre.pk) == first
    revisions.touch(centre.pk)
    assert revisions.token(centre.pk) not in {"", first}


def test_outside_a_request_every_call_reads_the_token(centre, outside_transaction, django_assert_num_queries):
    revisions.touch(centre.pk)
    with django_assert_num_queries(2):
        revisions.token(centre.pk)
        revisions.token(centre.pk)


def test_inside_a_transaction_every_call_reads_the_token(centre, in_request, django_assert_num_queries):
    with django_assert_num_queries(2):
        revisions.token(centre.pk)
        revisions.token(centre.pk)


def test_the_access_check_brings_the_token_with_the_centre(centre, programme_manager, outside_transaction,
                                                         in_request, django_assert_num_queries):
    """centre_with_role reads the centre with its revision: the page's cached parts ask for the token no more."""
    revisions.touch(centre.pk)
    expected = revisions._read(centre.pk)
    with django_assert_num_queries(2):  # the person's roles, then the centre with its token
        found = centre_with_role(programme_manager, centre.slug, ())
        assert revisions.token(found.pk) == expected


def test_a_centre_without_a_token_is_remembered_as_having_none(centre, outside_transaction, in_request,
                                                              django_assert_num_queries):
    found = Centre.objects.select_related("revision").get(pk=centre.pk)
    revisions.remember(found)
    with django_assert_num_queries(0):
        assert revisions.token(centre.pk) == ""
