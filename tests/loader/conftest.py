"""Fixtures for the loader's tests: the shipped demo file, a second centre, and small broken files."""

import copy
from datetime import date
from pathlib import Path

import pytest
import yaml

from civhub.loader.demo_activity import DEMO_DEFINITION


@pytest.fixture(autouse=True)
def _english(english_messages):
    """The loader's messages are asserted in English (tests/conftest.py english_messages)."""


OTHER_CENTRE = Path(__file__).resolve().parent / "fixtures" / "other-centre.yaml"

# The smallest valid definition; tests copy it and break one thing. Amounts are strings in
# the Python dict and become YAML numbers when written (see `write_definition`).
MINIMAL = {
    "centre": {"slug": "civ-mini", "name": "CIV Mini", "aim": {"nl": "Klein beginnen.", "en": "Start small."}},
    "programme_lines": [{"number": 1, "name": "Onderwijs"}, {"number": 2, "name": "Onderzoek"}],
    "organisations": [
        {"name": "School", "short_code": "school", "kind": "school", "cluster": "government_education",
         "lead_applicant": True},
        {"name": "Bedrijf", "short_code": "bedrijf", "kind": "company", "cluster": "professional_field"},
        {"name": "Gemeente Mini", "short_code": "gemeente", "kind": "municipality",
         "cluster": "government_education"},
    ],
    "grant": {"scheme": "RIF", "amount": "300000.00", "start": date(2022, 1, 1), "end": date(2023, 12, 31),
              "cofinancing_ratio": "2.0", "employer_share_min": "1/3", "employer_share_max": "2/3",
              "other_share_max": "0.3333", "report_due_months": [13]},
    "budget": [{"year": 2022, "line": 1, "category": "personnel", "source": "subsidy", "amount": "150000.00"}],
    "pledges": [
        {"organisation": "bedrijf", "year": 2022, "kind": "lab", "amount": "20000.00"},
        {"organisation": "gemeente", "year": 2023, "kind": "cash", "amount": "5000.00"},
    ],
    "users": [{"email": "mini-pm@example.org", "name": "Mini Manager", "role": "programme_manager"}],
}


class _NumberDumper(yaml.SafeDumper):
    """Writes the dict's amount strings as bare YAML numbers, as an administrator would type them, and every
    value out in full (the loader refuses aliases, which PyYAML writes for a value used twice)."""

    def ignore_aliases(self, data) -> bool:
        return True


def _represent_str(dumper, value):
    try:
        float(value)
    except ValueError:
        return dumper.represent_str(value)
    if "." not in value:
        return dumper.represent_str(value)
    return dumper.represent_scalar("tag:yaml.org,2002:float", value)


_NumberDumper.add_representer(str, _represent_str)


def dump_definition(data: dict) -> str:
    return yaml.dump(data, Dumper=_NumberDumper, sort_keys=False, allow_unicode=True)


@pytest.fixture
def as_yaml():
    """The function that writes a definition dict as YAML text."""
    return dump_definition


@pytest.fixture
def demo_file() -> Path:
    return DEMO_DEFINITION


@pytest.fixture
def other_file() -> Path:
    return OTHER_CENTRE


@pytest.fixture
def minimal() -> dict:
    """A fresh copy of the minimal valid definition, to change in a test."""
    return copy.deepcopy(MINIMAL)


@pytest.fixture
def write_definition(tmp_path):
    """Write a definition (a dict, or raw YAML text) to a file and return its path."""

    def write(data, name: str = "centre.yaml") -> Path:
        path = tmp_path / name
        path.write_text(data if isinstance(data, str) else dump_definition(data), encoding="utf-8")
        return path

    return write
