"""One base for the apps' errors: every app's refusal is a CivhubError, with its message and optional field."""

import pytest

from civhub.applications.errors import ApplicationError
from civhub.core.errors import CivhubError
from civhub.events.errors import EventError
from civhub.governance.errors import GovernanceError
from civhub.grants.errors import GrantError
from civhub.hca.errors import HcaError
from civhub.learning.errors import LearningError
from civhub.ledger.errors import LedgerError
from civhub.loader.definition import DefinitionError
from civhub.news.errors import NewsError
from civhub.partners.errors import PartnerError
from civhub.programme.errors import ProgrammeError
from civhub.research.errors import ResearchError

APP_ERRORS = [ApplicationError, EventError, GovernanceError, GrantError, HcaError, LearningError, LedgerError,
              NewsError, PartnerError, ProgrammeError, ResearchError]


def test_a_centre_definition_that_cannot_be_loaded_is_a_civhub_error_listing_every_problem():
    error = DefinitionError(["centre.slug: missing", "grant.amount: not a number"])

    assert isinstance(error, CivhubError)
    assert (error.errors, str(error)) == (["centre.slug: missing", "grant.amount: not a number"],
                                          "centre.slug: missing\ngrant.amount: not a number")


@pytest.mark.parametrize("error_class", APP_ERRORS, ids=lambda cls: cls.__name__)
def test_every_app_error_is_a_civhub_error(error_class):
    error = error_class("Niet toegestaan.")
    assert isinstance(error, CivhubError)
    assert str(error) == "Niet toegestaan." and error.field is None


@pytest.mark.parametrize("error_class", APP_ERRORS, ids=lambda cls: cls.__name__)
def test_an_app_error_may_name_its_field(error_class):
    assert error_class("Bezet.", field="start").field == "start"


def test_catching_one_app_error_does_not_catch_another():
    with pytest.raises(LedgerError):
        try:
            raise LedgerError("Afgesloten.")
        except GrantError:  # pragma: no cover - must not match
            pass
