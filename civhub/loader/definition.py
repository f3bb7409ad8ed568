"""A centre definition file (docs/formats.md §1), parsed and checked into plain dataclasses.

Parsing never stops at the first problem: it collects every one, each naming the entry
(e.g. "pledges[3] (organisation 'foo')") and its line, so an administrator can fix the
file in one go. Nothing here touches the database; `services.load_centre_definition`
writes what `parse_definition` returns.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import yaml
from django.utils.translation import gettext as _

from civhub.accounts.models import PARTNER_ROLES, Role
from civhub.core.choices import NEVER_COUNTED_KINDS, ContributionKind
from civhub.core.errors import CivhubError
from civhub.core.shares import share_label
from civhub.grants.models import CostCategory, FundingSource
from civhub.loader.fields import Entry, Problems, describe
from civhub.loader.specs import (
    BudgetSpec,
    CentreDefinition,
    CentreSpec,
    ContactPersonSpec,
    GrantSpec,
    KeyDateSpec,
    OrganisationSpec,
    PledgeSpec,
    ProgrammeLineSpec,
    RateCardSpec,
    UserSpec,
)
from civhub.loader.yamlsource import describe_yaml_error, load_yaml
from civhub.partners.models import (
    Cluster,
    CofinancingGroup,
    OrganisationKind,
    Partnership,
    default_cofinancing_group,
    normalise_name,
)

ONE = Decimal("1")


class DefinitionError(CivhubError):
    """The file cannot be loaded; `errors` lists every problem found."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = list(errors)


@dataclass(frozen=True)
class _Section:
    """How one list in the file is read: its keys, and which of them name an entry in messages."""

    allowed: frozenset
    required: tuple
    label_keys: tuple


CENTRE_KEYS = frozenset({
    "slug", "name", "region", "aim", "tagline", "introduction", "reasons", "organisation_text",
    "contribution_text", "steering_meetings_per_year", "subsidy_funds",
})
GRANT_KEYS = frozenset({
    "scheme", "amount", "start", "end", "cofinancing_ratio", "fixed_hourly_rate", "employer_share_min",
    "employer_share_max", "other_share_max", "report_due_months", "application_due",
    "first_advance_share", "quarterly_advance_share", "regulation", "decision_reference", "decision_date",
})
SECTIONS = {
    "programme_lines": _Section(frozenset({"number", "name", "description"}), ("number", "name"), ("number",)),
    "organisations": _Section(
        frozenset({"name", "short_code", "kind", "cluster", "lead_applicant", "cofinancing_group", "city",
                   "website", "kvk_number", "status", "joined_on"}),
        ("name", "short_code", "kind", "cluster"), ("short_code",)),
    "budget": _Section(frozenset({"year", "line", "category", "source", "amount"}),
                       ("year", "category", "source", "amount"), ("year", "line")),
    "rate_cards": _Section(frozenset({"organisation", "category", "hourly_rate", "valid_from"}),
                           ("organisation", "category", "hourly_rate", "valid_from"), ("organisation",)),
    "pledges": _Section(frozenset({"organisation", "year", "kind", "amount"}),
                        ("organisation", "year", "kind", "amount"), ("organisation",)),
    "users": _Section(frozenset({"email", "name", "role", "organisation"}), ("email", "name", "role"), ("email",)),
    "agenda": _Section(frozenset({"starts_on", "ends_on", "title", "description"}), ("starts_on", "title"),
                       ("starts_on",)),
    "contact_persons": _Section(frozenset({"name", "position", "phone", "email"}), ("name",), ("name",)),
}
TOP_LEVEL_KEYS = frozenset({"centre", "grant", *SECTIONS})
REQUIRED_TOP_LEVEL = ("centre", "organisations", "grant")


def read_definition(path) -> CentreDefinition:
    """Read and check the definition file at `path` (UTF-8, with or without BOM); see parse_definition."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise DefinitionError([_("%(path)s is not UTF-8 text") % {"path": path}]) from None
    except OSError as error:
        raise DefinitionError([_("cannot read %(path)s: %(reason)s") % {"path": path, "reason": error.strerror}]) \
            from None
    return parse_definition(text)


def parse_definition(text: str) -> CentreDefinition:
    """Check a definition file's text; raise DefinitionError listing every problem, or return it typed.

    A grant's `regulation` is checked to be a code here; whether the deployment knows it is
    the loader's question (services.load_centre_definition), as it needs the database.
    """
    try:
        data = load_yaml(text)
    except yaml.YAMLError as error:
        raise DefinitionError([describe_yaml_error(error)]) from None
    problems = Problems()
    if data is None:
        problems.add(_("top level"), _("the file is empty"))
        raise DefinitionError(problems.messages)
    definition = _Parser(problems).parse(data)
    if problems:
        raise DefinitionError(problems.messages)
    return definition


def entry_label(section: str, index: int, data, label_keys: tuple) -> str:
    """How messages name an entry: "pledges[3] (organisation 'foo')"."""
    parts = []
    if isinstance(data, dict):
        parts = [f"{key} {describe(data[key])}" for key in label_keys
                 if isinstance(data.get(key), str | int | date) and not isinstance(data.get(key), bool)]
    return f"{section}[{index}]" + (f" ({', '.join(parts)})" if parts else "")


class _Parser:
    """Walks the file's sections in order; later sections are checked against earlier ones."""

    def __init__(self, problems: Problems):
        self.problems = problems
        self.codes: set[str] = set()
        self.lines: set[int] = set()
        self.years: range | None = None

    def parse(self, data) -> CentreDefinition | None:
        root = Entry(data, where=_("top level"), problems=self.problems, allowed=TOP_LEVEL_KEYS,
                     required=REQUIRED_TOP_LEVEL)
        centre = self.centre(root.data["centre"]) if root.has("centre") else None
        lines = self.section(root, "programme_lines", self.programme_line)
        organisations = self.section(root, "organisations", self.organisation)
        grant = self.grant(root.data["grant"]) if root.has("grant") else None
        self.check_organisations(organisations)
        self.codes = {spec.short_code for spec, _entry in organisations if spec.short_code}
        self.lines = {spec.number for spec, _entry in lines if spec.number}
        self.years = grant.years if grant else None
        specs = {key: self.section(root, key, getattr(self, key)) for key in
                 ("budget", "rate_cards", "pledges", "users", "agenda", "contact_persons")}
        if self.problems:
            return None
        return CentreDefinition(
            centre=centre, grant=grant, programme_lines=[spec for spec, _entry in lines],
            organisations=[spec for spec, _entry in organisations],
            **{key: [spec for spec, _entry in pairs] for key, pairs in specs.items()},
        )

    def section(self, root: Entry, key: str, read_one) -> list[tuple]:
        """Read every entry of list `key` with `read_one`; return (spec, entry) pairs, failed ones too.

        Failed entries stay in the list so that later checks still know, say, the short code of an
        organisation whose kind was misspelt, and do not report its pledges as unknown too.
        """
        items = root.data.get(key)
        if items is None:
            return []
        if not isinstance(items, list):
            self.problems.add(key, _("expected a list of entries"), getattr(items, "line", None) or root.line)
            return []
        section = SECTIONS[key]
        pairs = []
        for index, data in enumerate(items):
            entry = Entry(data, where=entry_label(key, index, data, section.label_keys), problems=self.problems,
                          allowed=section.allowed, required=section.required)
            pairs.append((read_one(entry), entry))
        self.check_duplicates(key, [(spec, entry) for spec, entry in pairs if not entry.failed])
        return pairs

    def check_duplicates(self, key: str, pairs: list[tuple]) -> None:
        """The same thing twice in one list is a mistake: which of the two would count?"""
        rules = {
            "programme_lines": (lambda s: s.number, _("the same number as %(other)s")),
            "budget": (lambda s: (s.year, s.line, s.category, s.source),
                       _("the same year, line, category and source as %(other)s")),
            "rate_cards": (lambda s: (s.organisation, s.category, s.valid_from),
                           _("the same organisation, category and valid_from as %(other)s")),
            "pledges": (lambda s: (s.organisation, s.year, s.kind),
                        _("the same organisation, year and kind as %(other)s")),
            "users": (lambda s: (s.email, s.role, s.organisation),
                      _("the same e-mail, role and organisation as %(other)s")),
            "agenda": (lambda s: (s.starts_on, tuple(sorted(s.title.items()))),
                       _("the same date and title as %(other)s")),
            "contact_persons": (lambda s: s.name, _("the same name as %(other)s")),
        }
        if key in rules:
            check_unique(pairs, *rules[key])
        if key == "users":
            check_one_name_per_email(pairs)

    def centre(self, data) -> CentreSpec | None:
        entry = Entry(data, where="centre", problems=self.problems, allowed=CENTRE_KEYS, required=("slug", "name"))
        spec = CentreSpec(
            slug=entry.slug("slug", max_length=50), name=entry.string("name"), region=entry.string("region"),
            aim=entry.text("aim"), tagline=entry.text("tagline"), introduction=entry.text("introduction"),
            reasons=entry.texts("reasons"), organisation_text=entry.text("organisation_text"),
            contribution_text=entry.text("contribution_text"),
            steering_meetings_per_year=entry.integer("steering_meetings_per_year", minimum=0, maximum=52,
                                                     default=2),
            subsidy_funds=entry.texts("subsidy_funds"),
        )
        return None if entry.failed else spec

    def programme_line(self, entry: Entry) -> ProgrammeLineSpec:
        return ProgrammeLineSpec(number=entry.integer("number", minimum=1, maximum=99), name=entry.text("name"),
                                 description=entry.text("description"))

    def organisation(self, entry: Entry) -> OrganisationSpec | None:
        kind = entry.choice("kind", OrganisationKind)
        lead = entry.boolean("lead_applicant")
        group = entry.choice("cofinancing_group", CofinancingGroup)
        if group is None and kind is not None and lead is not None and not entry.has("cofinancing_group"):
            group = default_cofinancing_group(kind, lead_applicant=lead)
        return OrganisationSpec(
            name=entry.string("name"), short_code=entry.slug("short_code"), kind=kind,
            cluster=entry.choice("cluster", Cluster), lead_applicant=lead, cofinancing_group=group,
            city=entry.string("city", max_length=100), website=entry.url("website"),
            kvk_number=entry.kvk_number("kvk_number"),
            status=entry.choice("status", Partnership.Status, default=Partnership.Status.ACTIVE),
            joined_on=entry.date("joined_on"),
        )

    def check_organisations(self, pairs: list[tuple]) -> None:
        """Exactly one lead applicant, and no organisation twice (by short code, name or KvK number)."""
        valid = [(spec, entry) for spec, entry in pairs if not entry.failed]
        check_unique(valid, lambda spec: spec.short_code, _("short_code %(key)s is used twice"), quote=True)
        check_unique(valid, lambda spec: normalise_name(spec.name),
                     _("the same organisation as %(other)s (names differ only in case, accents or legal form)"))
        check_unique([(spec, entry) for spec, entry in valid if spec.kvk_number], lambda spec: spec.kvk_number,
                     _("KvK number %(key)s is used twice"), quote=True)
        leads = [entry for spec, entry in pairs if spec.lead_applicant]
        if pairs and not leads:
            self.problems.add("organisations", _("no organisation is the lead applicant; set lead_applicant: true "
                                                 "on exactly one"))
        for entry in leads[1:]:
            entry.error(_("a second lead applicant after %(first)s; exactly one organisation is the lead "
                          "applicant") % {"first": leads[0].where})

    @staticmethod
    def advances(entry, share: dict) -> dict:
        """The advance shares the file gives; the defaults (25% first, 5% a quarter) for those it leaves out."""
        shares = {name: entry.decimal(name, **share) for name in ("first_advance_share", "quarterly_advance_share")}
        return {name: value for name, value in shares.items() if value is not None}

    def grant(self, data) -> GrantSpec | None:
        entry = Entry(data, where="grant", problems=self.problems, allowed=GRANT_KEYS,
                      required=("scheme", "amount", "start", "end", "cofinancing_ratio"))
        share = {"places": 4, "max_digits": 5, "maximum": ONE}
        spec = GrantSpec(
            scheme=entry.string("scheme", max_length=40), amount=entry.money("amount"),
            start=entry.date("start"), end=entry.date("end"),
            cofinancing_ratio=entry.decimal("cofinancing_ratio", places=2, max_digits=5),
            fixed_hourly_rate=entry.money("fixed_hourly_rate", positive=True, max_digits=7),
            # The regulation's thirds, exactly, unless the file says otherwise (RIF 2014 art. 10).
            employer_share_min=entry.share("employer_share_min", default=Fraction(1, 3)),
            employer_share_max=entry.share("employer_share_max", default=Fraction(2, 3)),
            other_share_max=entry.share("other_share_max", default=Fraction(1, 3)),
            report_due_months=self.report_months(entry), application_due=entry.date("application_due"),
            regulation=entry.slug("regulation", max_length=50) or None,
            decision_reference=entry.string("decision_reference", max_length=100),
            decision_date=entry.date("decision_date"),
            **self.advances(entry, share),
        )
        if spec.start and spec.end and spec.end <= spec.start:
            entry.error(_("end (%(end)s) must be after start (%(start)s)") % {"end": spec.end, "start": spec.start})
        if spec.employer_share_min is not None and spec.employer_share_max is not None \
                and spec.employer_share_min > spec.employer_share_max:
            entry.error(_("employer_share_min (%(min)s) is more than employer_share_max (%(max)s)") % {
                "min": share_label(spec.employer_share_min), "max": share_label(spec.employer_share_max)})
        return None if entry.failed else spec

    def report_months(self, entry: Entry) -> list[int] | None:
        value = entry.data.get("report_due_months")
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(m, int) and not isinstance(m, bool) and m > 0
                                                  for m in value):
            entry.error(_("'report_due_months' must be a list of whole months after the start, like [13, 25, 37]"))
            return None
        return value

    def budget(self, entry: Entry) -> BudgetSpec:
        spec = BudgetSpec(year=entry.integer("year"), line=entry.integer("line"),
                          category=entry.choice("category", CostCategory),
                          source=entry.choice("source", FundingSource), amount=entry.money("amount"))
        self.check_year(entry, spec.year)
        if spec.line is not None and spec.line not in self.lines:
            entry.error(_("unknown programme line %(line)s") % {"line": spec.line})
        return spec

    def rate_cards(self, entry: Entry) -> RateCardSpec:
        spec = RateCardSpec(organisation=entry.string("organisation", max_length=40),
                            category=entry.slug("category"),
                            hourly_rate=entry.money("hourly_rate", positive=True, max_digits=7,
                                                    maximum=Decimal("500")),
                            valid_from=entry.date("valid_from"))
        self.check_organisation(entry, spec.organisation)
        return spec

    def pledges(self, entry: Entry) -> PledgeSpec:
        spec = PledgeSpec(organisation=entry.string("organisation", max_length=40), year=entry.integer("year"),
                          kind=entry.choice("kind", ContributionKind), amount=entry.money("amount"))
        if spec.kind in NEVER_COUNTED_KINDS:
            entry.error(_("kind %(kind)s is never co-financing (RIF art. 10(5)): a partner does not pledge it")
                        % {"kind": spec.kind})
        self.check_organisation(entry, spec.organisation)
        self.check_year(entry, spec.year)
        return spec

    def users(self, entry: Entry) -> UserSpec:
        email = entry.email("email")
        # Logins are matched case-insensitively: User stores the address in lower case.
        spec = UserSpec(email=email.lower() if email else email, name=entry.string("name"),
                        role=entry.choice("role", Role),
                        organisation=entry.string("organisation", max_length=40) or None)
        if spec.role in PARTNER_ROLES and not entry.has("organisation"):
            entry.error(_("role %(role)s needs an organisation (its short_code)") % {"role": spec.role})
        elif spec.role and spec.role not in PARTNER_ROLES and entry.has("organisation"):
            entry.error(_("role %(role)s is held for the whole centre; remove 'organisation'") % {"role": spec.role})
        self.check_organisation(entry, spec.organisation)
        return spec

    def agenda(self, entry: Entry) -> KeyDateSpec:
        spec = KeyDateSpec(starts_on=entry.date("starts_on"), ends_on=entry.date("ends_on"),
                          title=entry.text("title"), description=entry.text("description"))
        if spec.starts_on and spec.ends_on and spec.ends_on < spec.starts_on:
            entry.error(_("ends_on (%(end)s) is before starts_on (%(start)s)") % {
                "end": spec.ends_on, "start": spec.starts_on})
        return spec

    def contact_persons(self, entry: Entry) -> ContactPersonSpec:
        return ContactPersonSpec(name=entry.string("name"), position=entry.text("position"),
                                 phone=entry.string("phone", max_length=40), email=entry.email("email"))

    def check_organisation(self, entry: Entry, code: str | None) -> None:
        if code and code not in self.codes:
            entry.error(_("unknown organisation '%(code)s'") % {"code": code})

    def check_year(self, entry: Entry, year: int | None) -> None:
        if year is not None and self.years is not None and year not in self.years:
            entry.error(_("year %(year)s is outside the grant (%(first)s-%(last)s)") % {
                "year": year, "first": self.years[0], "last": self.years[-1]})


def check_unique(pairs: list[tuple], key, message: str, *, quote: bool = False) -> None:
    """Report every entry whose `key` repeats an earlier entry's, naming that earlier entry."""
    seen: dict = {}
    for spec, entry in pairs:
        value = key(spec)
        if value in seen:
            entry.error(message % {"key": describe(value) if quote else value, "other": seen[value].where})
        else:
            seen[value] = entry


def check_one_name_per_email(pairs: list[tuple]) -> None:
    """One person, one name: a user listed for several roles must carry the same name each time."""
    first: dict = {}
    for spec, entry in pairs:
        name, other = first.setdefault(spec.email, (spec.name, entry))
        if name != spec.name:
            entry.error(_("%(email)s has another name in %(other)s") % {"email": spec.email, "other": other.where})
