"""Checking a centre definition file: exact numbers, and every problem reported with its entry."""

import time
from decimal import Decimal
from fractions import Fraction

import pytest

from civhub.loader.definition import DefinitionError, parse_definition, read_definition


@pytest.fixture
def errors_of(as_yaml):
    """The errors that parsing a definition (a dict, or raw YAML text) reports."""

    def errors(data) -> list[str]:
        with pytest.raises(DefinitionError) as caught:
            parse_definition(data if isinstance(data, str) else as_yaml(data))
        return caught.value.errors

    return errors


def test_yaml_decimals_become_exact_decimals(as_yaml, minimal):
    minimal["grant"]["employer_share_min"] = "0.3333"
    minimal["pledges"][0]["amount"] = "0.1"
    minimal["budget"][0]["amount"] = "1_000.10"

    definition = parse_definition(as_yaml(minimal))

    # A share written as a decimal is kept exactly (3333/10000); written 1/3 it is a third (the default).
    assert definition.grant.employer_share_min == Decimal("0.3333")
    assert definition.grant.employer_share_max == Fraction(2, 3)
    assert str(definition.pledges[0].amount) == "0.10"
    assert definition.budget[0].amount == Decimal("1000.10")
    assert definition.grant.amount == Decimal("300000.00")


def test_the_demo_definition_is_valid(demo_file):
    definition = read_definition(demo_file)

    assert definition.centre.slug == "civ-bio-sciences"
    assert definition.grant.fixed_hourly_rate == Decimal("73.00")


def test_a_text_may_be_a_string_or_a_language_mapping(as_yaml, minimal):
    minimal["centre"]["tagline"] = "Alleen Nederlands"

    definition = parse_definition(as_yaml(minimal))

    assert definition.centre.tagline == {"nl": "Alleen Nederlands"}
    assert definition.centre.aim == {"nl": "Klein beginnen.", "en": "Start small."}


def test_cofinancing_group_defaults_from_kind_and_lead(as_yaml, minimal):
    groups = {spec.short_code: spec.cofinancing_group
              for spec in parse_definition(as_yaml(minimal)).organisations}

    assert groups == {"school": "not_counted", "bedrijf": "employer", "gemeente": "government"}


def test_bad_yaml_names_the_line(errors_of):
    errors = errors_of("centre:\n  slug: x\n  name: [unclosed\norganisations: []\n")

    assert len(errors) == 1
    assert "invalid YAML" in errors[0]
    assert "line " in errors[0]


def test_a_key_given_twice_is_an_error(errors_of):
    errors = errors_of("centre:\n  slug: a\n  slug: b\n")

    assert "duplicate key 'slug'" in errors[0]
    assert errors[0].startswith("line 3")


def test_every_problem_is_reported_at_once(errors_of, minimal):
    minimal["colour"] = "blue"
    minimal["pledges"][0]["organisation"] = "nobody"
    minimal["pledges"][1]["year"] = 2030
    del minimal["centre"]["name"]

    errors = errors_of(minimal)

    assert len(errors) == 4
    assert any("top level: unknown key 'colour'" in error for error in errors)
    assert any("pledges[0] (organisation 'nobody'): unknown organisation 'nobody'" in error for error in errors)
    assert any("pledges[1] (organisation 'gemeente'): year 2030 is outside the grant (2022-2023)" in error
               for error in errors)
    assert any("centre: missing 'name'" in error for error in errors)


def test_errors_carry_the_line_of_their_entry(as_yaml, errors_of, minimal):
    minimal["pledges"][1]["organisation"] = "nobody"
    text = as_yaml(minimal)
    line = text.splitlines().index("- organisation: nobody") + 1

    assert errors_of(text) == [f"line {line}: pledges[1] (organisation 'nobody'): unknown organisation 'nobody'"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["organisations"][1].update(lead_applicant=True),
         "organisations[1] (short_code 'bedrijf'): a second lead applicant after organisations[0]"),
        (lambda d: d["organisations"][0].pop("lead_applicant"), "no organisation is the lead applicant"),
        (lambda d: d["organisations"][2].update(short_code="bedrijf"),
         "organisations[2] (short_code 'bedrijf'): short_code 'bedrijf' is used twice"),
        (lambda d: d["organisations"][2].update(name="bedrijf b.v."),
         "organisations[2] (short_code 'gemeente'): the same organisation as organisations[1]"),
        (lambda d: d["organisations"][1].update(kind="multinational"),
         "organisations[1] (short_code 'bedrijf'): unknown kind 'multinational'"),
        (lambda d: d["organisations"][1].update(cluster="business"), "unknown cluster 'business'"),
        (lambda d: d["organisations"][1].update(cofinancing_group="sponsor"), "unknown cofinancing_group 'sponsor'"),
        (lambda d: d["organisations"][1].update(kvk_number="1234"), "'kvk_number' must be exactly 8 digits"),
        (lambda d: d["budget"][0].update(line=7), "budget[0] (year 2022, line 7): unknown programme line 7"),
        (lambda d: d["budget"][0].update(category="travel"), "unknown category 'travel'"),
        (lambda d: d["budget"][0].update(source="lottery"), "unknown source 'lottery'"),
        (lambda d: d["budget"][0].update(year=2021), "budget[0] (year 2021, line 1): year 2021 is outside the grant"),
        (lambda d: d["budget"].append(dict(d["budget"][0])),
         "budget[1] (year 2022, line 1): the same year, line, category and source as budget[0]"),
        (lambda d: d["pledges"][0].update(kind="coffee"), "pledges[0] (organisation 'bedrijf'): unknown kind 'coffee'"),
        (lambda d: d["pledges"][0].update(amount="-5.00"), "'amount' must not be less than 0, not -5.00"),
        (lambda d: d["pledges"][0].update(amount="10.005"), "'amount' has more than 2 decimals: 10.005"),
        (lambda d: d["pledges"][0].update(amount="ten"), "'amount' must be a number, not 'ten'"),
        (lambda d: d["users"][0].update(role="boss"), "users[0] (email 'mini-pm@example.org'): unknown role 'boss'"),
        (lambda d: d["users"].append({"email": "p@example.org", "name": "P", "role": "partner_contact"}),
         "users[1] (email 'p@example.org'): role partner_contact needs an organisation"),
        (lambda d: d["users"].append({"email": "s@example.org", "name": "S", "role": "partner_signatory",
                                      "organisation": "nobody"}),
         "users[1] (email 's@example.org'): unknown organisation 'nobody'"),
        (lambda d: d["users"][0].update(organisation="bedrijf"),
         "role programme_manager is held for the whole centre"),
        (lambda d: d["grant"].update(end=d["grant"]["start"]), "grant: end (2022-01-01) must be after start"),
        (lambda d: d["grant"].update(employer_share_min="0.7"),
         "grant: employer_share_min (70%) is more than employer_share_max (2/3)"),
        (lambda d: d["grant"].update(other_share_max="1.5"), "'other_share_max' must lie between 0 and 1, not 1.5"),
        (lambda d: d["grant"].update(other_share_max="een derde"),
         "'other_share_max' must be a fraction like 1/3 or a decimal like 0.25"),
        (lambda d: d["pledges"][0].update(kind="bpv"), "kind bpv is never co-financing"),
        (lambda d: d["grant"].pop("amount"), "grant: missing 'amount'"),
        (lambda d: d.pop("grant"), "top level: missing 'grant'"),
        (lambda d: d["centre"].update(slug="civ mini"), "'slug' must be letters, digits, hyphens and underscores"),
        (lambda d: d["centre"].update(aim={"nl": "x", "fr": "y"}), "'aim' has unknown language codes fr"),
        (lambda d: d["programme_lines"].append({"number": 1, "name": "Dubbel"}),
         "programme_lines[2] (number 1): the same number as programme_lines[0]"),
        (lambda d: d.update(agenda=[{"starts_on": "2022-05-01", "ends_on": "2022-04-01", "title": "Terug"}]),
         "agenda[0] (starts_on '2022-05-01'): ends_on (2022-04-01) is before starts_on (2022-05-01)"),
        (lambda d: d["organisations"][1].update(website="not a url"), "'website' must be a web address"),
        (lambda d: d.update(pledges={"organisation": "bedrijf"}), "pledges: expected a list of entries"),
    ],
)
def test_a_broken_definition_names_the_entry(errors_of, minimal, change, expected):
    change(minimal)

    errors = errors_of(minimal)

    assert any(expected in error for error in errors), errors


def test_a_misspelt_organisation_does_not_make_its_pledges_unknown_too(errors_of, minimal):
    minimal["organisations"][1]["kind"] = "multinational"

    errors = errors_of(minimal)

    assert len(errors) == 1
    assert "unknown kind 'multinational'" in errors[0]


def test_an_empty_file_is_an_error(errors_of):
    assert errors_of("") == ["top level: the file is empty"]


def test_a_file_that_is_not_a_mapping_is_an_error(errors_of):
    assert "expected a mapping" in errors_of("- just\n- a list\n")[0]


BILLION_LAUGHS = "\n".join([
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    *(f"{chr(ord('b') + index)}: &{chr(ord('b') + index)} [{', '.join([f'*{chr(ord("a") + index)}'] * 9)}]"
      for index in range(8)),
    "centre: *i",
]) + "\n"


def test_a_billion_laughs_file_is_refused_at_its_first_alias_without_expanding_it(errors_of):
    started = time.perf_counter()
    errors = errors_of(BILLION_LAUGHS)
    assert time.perf_counter() - started < 1
    assert errors == ["line 2, column 8: invalid YAML: aliases (*a) are not allowed; write the value out"]


def test_an_alias_to_a_scalar_is_refused_too(errors_of):
    assert "aliases (*slug) are not allowed" in errors_of("centre:\n  slug: &slug a\n  name: *slug\n")[0]
