"""The demo centre's application to the RIF of 30 June 2021, replayed through civhub's services at its dates.

CIV Bio Sciences' brochure says "op 30 juni 2021 wordt een RIF-subsidie aangevraagd". The demo tells that
story in June 2021 (loader/demo_clock.py), each step by the person who took it:
- 1 June: the programme manager starts the application (RIF 2019–2022, 2022–2025, due 30 June); the centre's
  administrator records version 1 of the cooperation agreement (of the work conference of 26 May) with its text;
- 2–4 June: the finance controller writes the multi-year budget and the forecast after the subsidy;
- June: the parts are drafted, commented on and done (texts in demo/civ-bio-sciences-application-2021.yaml,
  drawn from the brochure; goals, milestones and risks ILLUSTRATIVE);
- 2–25 June: every one of the 21 partners signs version 1: the three governments on paper (the administrator
  uploads the scan), the others' signatories confirm in civhub;
- 14–28 June: the 20 counted partners' signatories confirm their pledge tables (Randstad first asks a change
  of a description, the programme manager makes it, then Randstad confirms);
- 30 June: the programme manager submits it (the readiness checklist passes; the PDF and the XLSX are frozen);
- 29 November: the programme manager records the award decision of 25 November 2021 against the grant the
  demo already holds (`record_award_of_existing_grant`): one grant, not two.

One truth for the figures: the budget is built from what civ-bio-sciences.yaml loaded, not from figures of its
own. The subsidy's lines are the grant's budget version 1 subsidy cells (per year, programme line and category;
a personnel cell becomes whole staff hours at the round's EUR 73, the few euros that do not make a whole hour go
to the same line's next cost); each partner's income lines are its pledges per year and kind: lab and
equipment in half days at EUR 250, staff time in whole hours at EUR 73 on the programme line of its kind (the
award's `LINE_KINDS` read backwards) with the remainder of less than one hour as "travel and materials" on the
same line, so every partner's total per year and kind is its pledge to the cent and the award maps it back to
the same kind. Version 1's in-kind cells are not copied: the pledges say who brings what. The lead applicant's
own contribution and BPV are not in the grant's pledges, so not in the application either.

Idempotent: once the application (by its title) exists, nothing is added, so what demo users do survives a
reload. The people are the demo's (demo_people.partner_people, numbered as the ledger's history numbers them).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from civhub.accounts.models import User
from civhub.applications.models import Application, BudgetCategory, BudgetSide, ContributionForm, IncomeSource
from civhub.applications.selectors.commitments import pledge_table
from civhub.applications.services import budget, commitments, continuation, parts
from civhub.applications.services.applications import ApplicationData, create_application
from civhub.applications.services.award import LINE_KINDS, record_award_of_existing_grant
from civhub.applications.services.submission import submit_application
from civhub.core.models import Centre
from civhub.grants.models import CostCategory, FundingSource
from civhub.ledger.models import Pledge
from civhub.loader.demo_clock import Event, at, replay
from civhub.loader.demo_ledger import DESCRIPTIONS
from civhub.loader.demo_people import partner_people
from civhub.loader.yamlsource import load_yaml
from civhub.partners.models import AgreementVersion, Partnership
from civhub.partners.services import agreement

DATA = Path(__file__).resolve().parent / "demo" / "civ-bio-sciences-application-2021.yaml"
HALF_DAY = Decimal("250.00")  # a half day of lab and equipment, the unit the partners pledge lab use in
REMAINDER = "Reiskosten en materiaal bij de inzet"  # data, in the centre's language
SUBSIDY = "Subsidie RIF: {line}"
# What the subsidy pays for, by the grant's cost category; personnel per programme line (the brochure's three hires).
PERSONNEL = {1: "Programmamanager (organiserend vermogen, motor van het centrum)",
             2: "Practor (practoraal onderzoek met studenten en docenten)",
             3: "Communicatiemedewerker"}
COSTS = {CostCategory.MATERIAL: (BudgetCategory.MATERIALS, "Materiaal bijeenkomsten en werkgroepen"),
         CostCategory.LAB: (BudgetCategory.LAB, "Verbruiksmaterialen en gebruik practicumlab"),
         CostCategory.OVERHEAD: (BudgetCategory.OVERHEAD, "Huisvesting en ICT programmabureau"),
         CostCategory.OTHER: (BudgetCategory.OTHER, "Drukwerk, website en evenementen")}
KIND_LINES = {str(kind): number for number, kind in LINE_KINDS.items()}  # education -> 1, research -> 2, ...


@dataclass(frozen=True)
class DemoApplication:
    """What the demo application added: the application (None when it existed), its lines, answers and signatures."""

    application: Application | None = None
    lines: int = 0
    confirmations: int = 0
    signatures: int = 0

    def summary(self) -> str:
        return _("demo application: %(applications)d application, %(lines)d budget lines, %(confirmations)d "
                 "confirmations and %(signatures)d signatures added") % {
            "applications": 1 if self.application else 0, "lines": self.lines,
            "confirmations": self.confirmations, "signatures": self.signatures}


def add_demo_application(*, centre: Centre) -> str:
    """Replay the application's June 2021 once (see the module); a line saying what was added."""
    return add_application(centre=centre).summary()


def add_application(*, centre: Centre) -> DemoApplication:
    data = load_yaml(DATA.read_text(encoding="utf-8"))
    if centre.funding_applications.filter(title=data["title"]).exists():
        return DemoApplication()
    story = _Story(centre, data)
    replay(story.events())
    application = story.application
    return DemoApplication(application, application.budget_lines.count(), application.commitments.filter(
        answer="confirmed").count(), story.version.signatures.count())


def _days(first: date, last: date, count: int) -> list[date]:
    """`count` days spread evenly from `first` to `last`."""
    span = (last - first).days
    return [first + timedelta(days=(number * span) // max(count - 1, 1)) for number in range(count)]


class _Story:
    """The application's June 2021 as events; later steps read what earlier ones made (the application, version 1)."""

    def __init__(self, centre: Centre, data: dict):
        self.centre, self.data = centre, data
        self.grant = centre.grants.get(scheme="RIF", start=date(2022, 1, 1))
        self.partnerships = {p.short_code: p for p in Partnership.objects.filter(centre=centre)
                             .select_related("organisation").order_by("short_code")}
        # Numbered as the ledger's history numbers them, so each partner has the same signatory throughout the demo.
        self.people = {code: partner_people(partnership, number)
                       for number, (code, partnership) in enumerate(self.partnerships.items())}
        self.lines = {line.number: line for line in centre.programme_lines.all()}
        self.application: Application | None = None
        self.version: AgreementVersion | None = None

    def user(self, email: str) -> User:
        return User.objects.get(email=email)

    def events(self) -> list[Event]:
        data = self.data
        start = date(2021, 6, 1)
        return [at(start, 9, 0, self.create), at(data["agreement"]["recorded_on"], 11, 0, self.record_version),
                at(start + timedelta(days=1), 10, 0, self.add_costs),
                at(start + timedelta(days=2), 10, 0, self.add_pledges),
                at(start + timedelta(days=3), 15, 0, self.add_continuation),
                *self.part_events(), *self.signature_events(), *self.commitment_events(),
                at(data["submitted_on"], 14, 0, lambda: submit_application(
                    application=self.application, actor=self.user(data["submitted_by"]))),
                at(data["awarded_on"], 10, 30, self.award)]

    # The application and its budget ---------------------------------------------------------------------------

    def create(self):
        grant = self.grant
        self.application = create_application(centre=self.centre, actor=self.user(self.data["submitted_by"]),
                                              data=ApplicationData(regulation=grant.regulation,
                                                                   title=self.data["title"],
                                                                   planned_start=grant.start, planned_end=grant.end,
                                                                   due_on=grant.application_due))

    def _add(self, actor, **fields):
        budget.add_line(application=self.application, actor=actor, data=budget.LineData(**fields))

    def add_costs(self):
        """The subsidy per year and programme line, and what it pays for: the grant's budget version 1 subsidy cells."""
        finance = self.user(self.data["parts"]["budget"]["owner"])
        rate = self.grant.regulation.fixed_hourly_rate
        cells = defaultdict(dict)  # (year, line number) -> category -> amount
        for cell in (self.grant.budget_versions.get(number=1).lines.filter(source=FundingSource.SUBSIDY)
                     .select_related("programme_line")):
            cells[(cell.year, cell.programme_line.number)][cell.category] = cell.amount
        for (year, number), amounts in sorted(cells.items()):
            line = self.lines[number]
            self._add(finance, side=BudgetSide.INCOME, year=year, source=IncomeSource.SUBSIDY,
                      form=ContributionForm.CASH, programme_line=line, volume=Decimal(1), unit="jaar",
                      price=sum(amounts.values()), description=SUBSIDY.format(line=line.name))
            personnel = amounts.pop(CostCategory.PERSONNEL, Decimal(0))
            hours = (personnel / rate).to_integral_value(ROUND_FLOOR)
            remainder = personnel - hours * rate  # less than an hour: on the line's first other cost
            if hours:
                self._add(finance, side=BudgetSide.COST, year=year, category=BudgetCategory.HOURS,
                          programme_line=line, volume=hours, unit="uur", price=rate, description=PERSONNEL[number])
            rest = [category for category in COSTS if category in amounts] or [CostCategory.OTHER]
            for position, category in enumerate(rest):
                amount = amounts.get(category, Decimal(0)) + (remainder if position == 0 else Decimal(0))
                kind, description = COSTS[category]
                if amount:
                    self._add(finance, side=BudgetSide.COST, year=year, category=kind, programme_line=line,
                              volume=Decimal(1), unit="jaar", price=amount, description=description)

    def add_pledges(self):
        """Each partner's pledges as its income lines (see the module)."""
        finance = self.user(self.data["parts"]["budget"]["owner"])
        for pledge in (Pledge.objects.filter(partnership__centre=self.centre, year__in=list(self.application.years))
                       .select_related("partnership").order_by("partnership__short_code", "year", "kind")):
            for fields in pledge_lines(pledge, self.lines, self.grant.regulation.fixed_hourly_rate):
                self._add(finance, side=BudgetSide.INCOME, year=pledge.year, source=IncomeSource.PARTNER,
                          partnership=pledge.partnership, **fields)

    def add_continuation(self):
        finance = self.user(self.data["parts"]["budget"]["owner"])
        end = self.application.planned_end.year
        for year in range(end + 1, end + 5):
            for side, key in ((BudgetSide.INCOME, "income"), (BudgetSide.COST, "costs")):
                for row in self.data["continuation"][key]:
                    partner = self.partnerships[row["partner"]] if row.get("partner") else None
                    continuation.add_continuation_line(
                        application=self.application, actor=finance, data=continuation.ContinuationData(
                            year=year, side=side, description=row["description"], amount=row["amount"],
                            partnership=partner))

    # The parts ------------------------------------------------------------------------------------------------

    def part_events(self) -> list[Event]:
        events = []
        for kind, spec in self.data["parts"].items():
            owner = self.user(spec["owner"])
            if spec.get("first_draft"):
                events.append(at(spec["first_draft_on"], 16, 0, lambda kind=kind, spec=spec, owner=owner:
                                 self.write(kind, owner, spec["first_draft"], "draft")))
            for comment in spec.get("comments", ()):
                events.append(at(comment["day"], 11, 15, lambda kind=kind, comment=comment: parts.add_comment(
                    part=self.application.parts.get(kind=kind), actor=self.user(comment["by"]),
                    text=comment["text"])))
            events.append(at(spec["done_on"], 17, 0, lambda kind=kind, spec=spec, owner=owner:
                             self.write(kind, owner, spec["text"], "done")))
        return events

    def write(self, kind: str, owner: User, text: str, status: str):
        parts.update_part(part=self.application.parts.get(kind=kind), actor=owner, draft=text, status=status,
                          owner=owner)

    # The cooperation agreement --------------------------------------------------------------------------------

    def record_version(self):
        spec = self.data["agreement"]
        document = ContentFile(simple_pdf(["Samenwerkingsovereenkomst CIV Bio Sciences", "Versie 1 van 26 mei 2021",
                                           "", *_agreement_lines(self.partnerships.values())]),
                               name="samenwerkingsovereenkomst-v1.pdf")
        self.version = agreement.add_version(centre=self.centre, actor=self.user(spec["recorded_by"]),
                                             data=agreement.VersionData(dated=spec["dated"], changes=spec["changes"],
                                                                        document=document))

    def signature_events(self) -> list[Event]:
        spec = self.data["agreement"]
        on_paper = spec["on_paper"]
        in_civhub = [code for code in self.partnerships if code not in on_paper]
        events = [at(day, 13, 30, lambda code=code: agreement.confirm_signature(
            version=self.version, partnership=self.partnerships[code], actor=self.people[code].signatory))
            for code, day in zip(in_civhub, _days(spec["first_day"], spec["last_day"], len(in_civhub)), strict=True)]
        for code, paper in on_paper.items():
            events.append(at(paper["signed_on"] + timedelta(days=1), 9, 45, lambda code=code, paper=paper:
                             self.sign_on_paper(code, paper)))
        return events

    def sign_on_paper(self, code: str, paper: dict):
        partnership = self.partnerships[code]
        scan = ContentFile(simple_pdf(["Samenwerkingsovereenkomst CIV Bio Sciences, versie 1 van 26 mei 2021",
                                       "", f"Voor {partnership.organisation.name}:", paper["signed_by"],
                                       f"Getekend op {paper['signed_on']:%d-%m-%Y}", "", "(scan, demo)"]),
                           name=f"handtekening-{code}-v1.pdf")
        agreement.record_signature(version=self.version, partnership=partnership,
                                   actor=self.user(self.data["agreement"]["recorded_by"]),
                                   data=agreement.SignatureData(signed_by_name=paper["signed_by"],
                                                                signed_on=paper["signed_on"], scan=scan))

    # The partners' commitments --------------------------------------------------------------------------------

    def commitment_events(self) -> list[Event]:
        spec = self.data["commitments"]
        counted = [code for code, partnership in self.partnerships.items() if not partnership.is_lead_applicant]
        days = dict(zip(counted, _days(spec["first_day"], spec["last_day"], len(counted)), strict=True))
        asker = spec["change_asked_by"]
        days[asker] = max(days[asker], spec["change_asked_on"] + timedelta(days=2))
        events = [at(day, 10 + number % 6, 5 * (number % 12), lambda code=code: self.confirm(code))
                  for number, (code, day) in enumerate(days.items())]
        return [*events, at(spec["change_asked_on"], 9, 20, lambda: self.ask_change(asker)),
                at(spec["change_asked_on"] + timedelta(days=1), 11, 0, lambda: self.make_change(asker))]

    def confirm(self, code: str):
        partnership, signatory = self.partnerships[code], self.people[code].signatory
        commitments.confirm_pledges(
            application=self.application, partnership=partnership, actor=signatory,
            shown_hash=pledge_table(self.application, partnership).hash,
            signer=commitments.Signer(name=signatory.full_name, role=self.data["commitments"]["role"],
                                      address=_address(partnership)))

    def ask_change(self, code: str):
        partnership = self.partnerships[code]
        commitments.ask_change(application=self.application, partnership=partnership,
                               actor=self.people[code].signatory,
                               shown_hash=pledge_table(self.application, partnership).hash,
                               comment=self.data["commitments"]["change_comment"])

    def make_change(self, code: str):
        """The programme manager renames the partner's lifelong-learning hours as it asked (the figures stay)."""
        manager = self.user(self.data["submitted_by"])
        for line in self.application.budget_lines.filter(partnership=self.partnerships[code],
                                                         category=BudgetCategory.HOURS,
                                                         programme_line=self.lines[KIND_LINES["lifelong_learning"]]):
            budget.update_line(line=line, actor=manager, data=budget.LineData(
                side=line.side, year=line.year, description=self.data["commitments"]["changed_description"],
                volume=line.volume, price=line.price, unit=line.unit, source=line.source,
                partnership=line.partnership, form=line.form, category=line.category,
                programme_line=line.programme_line))

    # The award --------------------------------------------------------------------------------------------------

    def award(self):
        grant = self.grant
        record_award_of_existing_grant(application=self.application, grant=grant,
                                       actor=self.user(self.data["awarded_by"]), amount_granted=grant.amount,
                                       decision_date=grant.decision_date,
                                       decision_reference=grant.decision_reference)


def pledge_lines(pledge: Pledge, lines: dict, rate: Decimal) -> list[dict]:
    """The income lines (LineData fields, side and source aside) that make up `pledge` exactly (see the module)."""
    kind, amount = pledge.kind, pledge.amount
    if kind == "cash":
        return [{"form": ContributionForm.CASH, "volume": Decimal(1), "unit": "", "price": amount,
                 "description": DESCRIPTIONS["cash"]}]
    in_kind = {"form": ContributionForm.IN_KIND}
    if kind == "bpv":
        return [{**in_kind, "category": BudgetCategory.BPV, "volume": Decimal(1), "unit": "jaar", "price": amount,
                 "description": DESCRIPTIONS["bpv"]}]
    if kind == "lab":
        half_days = amount / HALF_DAY
        exact = half_days == half_days.to_integral_value()
        return [{**in_kind, "category": BudgetCategory.LAB, "programme_line": lines.get(1),
                 "volume": half_days if exact else Decimal(1), "unit": "dagdeel" if exact else "jaar",
                 "price": HALF_DAY if exact else amount, "description": DESCRIPTIONS["lab"]}]
    line = lines.get(KIND_LINES.get(kind))
    hours = (amount / rate).to_integral_value(ROUND_FLOOR)
    found = [{**in_kind, "category": BudgetCategory.HOURS, "programme_line": line, "volume": hours, "unit": "uur",
              "price": rate, "description": DESCRIPTIONS[kind]}] if hours else []
    remainder = amount - hours * rate
    if remainder:
        found.append({**in_kind, "category": BudgetCategory.OTHER, "programme_line": line, "volume": Decimal(1),
                      "unit": "", "price": remainder, "description": REMAINDER})
    return found


def _address(partnership: Partnership) -> str:
    """The organisation's postal address as the signatory gives it: ILLUSTRATIVE (its name and city only)."""
    return f"{partnership.organisation.name}, {partnership.organisation.city or 'Leiden'}"


def _agreement_lines(partnerships) -> list[str]:
    return ["Partijen:", *(f"- {partnership.organisation.name}" for partnership in partnerships), "",
            "Doel: een kwalitatieve en kwantitatieve mismatch tussen onderwijs en beroepenveld voorkomen.",
            "Programmalijnen: onderwijs, practoraal onderzoek, ecosysteem Leven Lang Ontwikkelen.",
            "Stuurgroep: een vertegenwoordiging van de partners, twee keer per jaar. Penvoerder: mboRijnland.",
            "Bijdragen: elke partner bevestigt zijn toezegging in de RIF-aanvraag van 30 juni 2021.",
            "", "(Demo: een verkorte, fictieve tekst.)"]


def simple_pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing `lines` in Helvetica (Latin-1 text): the demo's agreement text and signature scans."""
    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = "BT /F1 11 Tf 56 800 Td 14 TL " + " ".join(f"({escape(line)}) '" for line in lines) + " ET"
    content = stream.encode("latin-1", errors="replace")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
