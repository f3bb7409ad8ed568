"""A large employer's survey answers from CSV or XLSX (docs/formats.md §8), with the import rules of every import.

All or nothing: every bad row is named (row, column, value, what is wrong), and with any error nothing is
written. The rows are read as every HCA file's (hca/file_rows.py: the ledger's import rules, CSV or XLSX). A
partner imports its own answers (`partnership` given: the `partner` column may be left out, and another partner
in it is an error); the office imports for any employer partner of the centre. Importing again replaces a
partner's answer for an occupation; rows equal to what is stored change nothing.

    import_survey(file, file_name, actor=..., survey_round=..., partnership=None)  → SurveyFile
    template_table(centre)                                                        → the XLSX template's sheet
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from civhub.core.errors import CivhubError
from civhub.core.exports import Column as ExportColumn
from civhub.core.exports import Table as ExportTable
from civhub.hca.file_rows import CellReader, read_rows
from civhub.hca.models import AGE_BANDS, Occupation, SurveyRound
from civhub.hca.permissions import answers_for, may_manage
from civhub.hca.selectors.survey import employer_partners, is_open
from civhub.hca.services.survey import AnswerFigures, ImportedAnswer, closed_message, import_answers
from civhub.learning.models import Skill
from civhub.ledger.imports.parsing import Column, FileError, header_key
from civhub.ledger.imports.report import RowError, shown
from civhub.ledger.imports.values import CellError, cell_text, parse_decimal, parse_int

# The figures' columns in the contract's order: (key, Dutch name, English alias, required).
FIGURES = (
    ("persons", "personen", "persons", True),
    ("fte", "fte", "fte", True),
    ("age_under_25", "tot_25", "age_under_25", True),
    ("age_25_34", "25_34", "age_25_34", True),
    ("age_35_44", "35_44", "age_35_44", True),
    ("age_45_54", "45_54", "age_45_54", True),
    ("age_55_59", "55_59", "age_55_59", True),
    ("age_60_plus", "60_plus", "age_60_plus", True),
    ("expected_headcount", "verwacht", "expected_headcount", True),
    ("open_vacancies", "vacatures", "open_vacancies", False),
    ("hard_to_fill", "moeilijk_vervulbaar", "hard_to_fill", False),
    ("retirements", "pensioen", "retirements", False),
    ("other_leavers", "overige_uitstroom", "other_leavers", False),
)
NOW, LATER = ("nu", "now"), ("over 5 jaar", "in 5 years")
SKILL_PREFIXES = tuple(header_key(f"{prefix}:") for prefix in (*NOW, *LATER))


def skill_names(prefixes: tuple[str, str], skill: Skill) -> tuple[str, ...]:
    """A skill's column names: `nu: Pipetteren` (also without the space) and the English alias."""
    return tuple(name for prefix in prefixes for name in (f"{prefix}: {skill.name}", f"{prefix}:{skill.name}"))


def columns(skills: list[Skill], *, partner_required: bool) -> list[Column]:
    return [
        Column("partner", ("partner",), required=partner_required),
        Column("occupation", ("beroep", "occupation")),
        *(Column(key, (dutch, english), required=required) for key, dutch, english, required in FIGURES),
        *(Column(f"now:{skill.pk}", skill_names(NOW, skill), required=False) for skill in skills),
        *(Column(f"later:{skill.pk}", skill_names(LATER, skill), required=False) for skill in skills),
    ]


@dataclass
class SurveyFile:
    """What a survey file held and what importing it did: the answers written, or every error."""

    file_name: str
    survey_round: SurveyRound
    rows: list[ImportedAnswer] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    imported: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """The command's success line (docs/formats.md §8); fixed English, because scripts read it."""
        return f"imported {self.imported} answers ({self.unchanged} unchanged) for round {self.survey_round}"


def import_survey(file, file_name: str, *, actor, survey_round: SurveyRound, partnership=None) -> SurveyFile:
    """Check the whole file, then write every answer in one transaction; with any error nothing is written."""
    result = read_survey(file, file_name, actor=actor, survey_round=survey_round, partnership=partnership)
    if result.ok:
        try:
            outcome = import_answers(actor=actor, survey_round=survey_round, rows=result.rows)
        except CivhubError as error:
            result.errors.append(RowError(0, "", "", str(error)))
        else:
            result.imported, result.unchanged = outcome.imported, outcome.unchanged
    return result


def read_survey(file, file_name: str, *, actor, survey_round: SurveyRound, partnership=None) -> SurveyFile:
    """The file's answers, or (with no answers) every problem in it."""
    result = SurveyFile(file_name, survey_round)
    office = may_manage(actor, survey_round.centre)
    if not is_open(survey_round) and not office:
        result.errors.append(RowError(0, "", "", closed_message(survey_round)))
        return result
    skills = list(Skill.objects.filter(centre_id=survey_round.centre_id))
    reader = _Reader(survey_round, actor, partnership, office, skills)

    def opened(table):
        _refuse_unknown_skills(table.ignored)
        reader.headers = table.headers

    result.rows = read_rows(file, file_name, columns(skills, partner_required=partnership is None),
                            lambda number, values, _headers: reader.row(number, values, result.errors),
                            result.errors, opened=opened)
    return result


def _refuse_unknown_skills(ignored: tuple[str, ...]) -> None:
    """A skill column whose skill the centre does not have is a mistake (a typo), not a column to skip."""
    unknown = [name for name in ignored if header_key(name).startswith(SKILL_PREFIXES)]
    if unknown:
        raise FileError(_("These columns name no skill of the centre: %(columns)s. Use the names of the "
                          "template.") % {"columns": "; ".join(unknown)}, row=1)


class _Reader:
    """Reads rows one by one, remembering which partner and occupation came already."""

    def __init__(self, survey_round, actor, partnership, office: bool, skills: list[Skill]):
        self.actor, self.partnership, self.office, self.skills = actor, partnership, office, skills
        self.headers: dict[str, str] = {}
        self.partners = {}
        for item in employer_partners(survey_round.centre):
            self.partners[item.short_code.lower()] = item
            self.partners.setdefault(item.organisation.name.lower(), item)
        self.occupations = {item.name.lower(): item for item in Occupation.objects.filter(
            centre_id=survey_round.centre_id)}
        self.seen: dict[tuple[int, int], int] = {}

    def row(self, number: int, values: dict, errors: list[RowError]) -> ImportedAnswer | None:
        """One row as an ImportedAnswer, or None after adding its errors (every bad cell of the row)."""
        read = CellReader(number, values, self.headers, errors)
        if "partner" in values:
            read("partner", cell_text, self._partner)
        partnership = self._partner_of(values)
        name = read("occupation", cell_text, self._occupation)
        occupation = self.occupations.get(name.lower()) if name else None
        numbers = {key: read(key, _counted(required)) for key, _dutch, _english, required in FIGURES
                   if key != "fte"}
        numbers["fte"] = read("fte", _fte)
        ratings = self._ratings(number, values, errors)
        if read.failed:
            return None
        figures = AnswerFigures(**{key: numbers[key] for key, *_rest in FIGURES}
                                | {"open_vacancies": numbers["open_vacancies"] or 0,
                                   "hard_to_fill": numbers["hard_to_fill"] or 0})
        if not self._add_up(number, values, figures, errors) or not self._once(number, values, partnership,
                                                                               occupation, errors):
            return None
        return ImportedAnswer(partnership, occupation, figures, ratings)

    def _partner(self, text: str) -> str | None:
        if not text:
            return None if self.partnership else _("Name the partner (its short code or its name).")
        partnership = self.partners.get(text.lower())
        if partnership is None:
            return _("This is not an employer partner of the centre.")
        if self.partnership is not None and partnership.pk != self.partnership.pk:
            return _("You import only your own organisation's answers.")
        if not (self.office or answers_for(self.actor, partnership)):
            return _("You may not give this partner's answers.")
        return None

    def _partner_of(self, values: dict):
        """The row's partner (checked by `_partner`), else the partner whose file this is."""
        text = cell_text(values.get("partner", ""))
        return self.partners.get(text.lower()) if text else self.partnership

    def _occupation(self, text: str) -> str | None:
        if not text:
            return _("Name the occupation.")
        if text.lower() not in self.occupations:
            return _("The centre has no such occupation; use one of: %(names)s.") % {
                "names": ", ".join(item.name for item in self.occupations.values())}
        return None

    def _ratings(self, number: int, values: dict, errors: list[RowError]) -> dict[int, tuple[int, int]]:
        ratings = {}
        for skill in self.skills:
            now_key, later_key = f"now:{skill.pk}", f"later:{skill.pk}"
            now, later = (_importance(values.get(key, ""), number, self._header(key, skill), errors)
                          for key in (now_key, later_key))
            if now == "bad" or later == "bad":
                continue
            if (now is None) != (later is None):
                missing = later_key if later is None else now_key
                errors.append(RowError(number, self._header(missing, skill), shown(values.get(missing, "")),
                                       _("Rate the skill both now and in five years, or neither.")))
            elif now is not None:
                ratings[skill.pk] = (now, later)
        return ratings

    def _header(self, key: str, skill: Skill) -> str:
        prefix = NOW[0] if key.startswith("now:") else LATER[0]
        return self.headers.get(key, f"{prefix}: {skill.name}")

    def _add_up(self, number: int, values: dict, figures: AnswerFigures, errors: list[RowError]) -> bool:
        bands = sum(getattr(figures, band) for band in AGE_BANDS)
        if bands != figures.persons:
            errors.append(RowError(number, self.headers["persons"], shown(values["persons"]), _(
                "The six age bands add up to %(bands)s, not to the number of persons.") % {"bands": bands}))
            return False
        if figures.hard_to_fill > figures.open_vacancies:
            errors.append(RowError(number, self.headers["hard_to_fill"], shown(values["hard_to_fill"]),
                                   _("Hard-to-fill vacancies cannot outnumber the open vacancies.")))
            return False
        return True

    def _once(self, number, values, partnership, occupation, errors: list[RowError]) -> bool:
        """A partner and occupation appear at most once in a file."""
        first = self.seen.setdefault((partnership.pk, occupation.pk), number)
        if first != number:
            errors.append(RowError(number, self.headers["occupation"], shown(values["occupation"]), _(
                "This partner and occupation are in row %(row)s already.") % {"row": first}))
            return False
        return True


def _counted(required: bool):
    """A count of people: a whole number ≥ 0; an empty optional cell is None."""

    def parse(value):
        if not required and cell_text(value) == "":
            return None
        if cell_text(value) == "":
            raise CellError(_("This column is required."))
        return parse_int(value)

    return parse


def _fte(value) -> Decimal:
    if cell_text(value) == "":
        raise CellError(_("This column is required."))
    number = parse_decimal(value, places=1)
    if number < 0:
        raise CellError(_("This cannot be negative."))
    return number


def _importance(value, number: int, header: str, errors: list[RowError]):
    """A rating 1 to 5, None for an empty cell, or "bad" after adding the error."""
    if cell_text(value) == "":
        return None
    try:
        rating = parse_int(value)
    except CellError:
        rating = 0
    if not 1 <= rating <= 5:
        errors.append(RowError(number, header, shown(value), _("Rate from 1 (hardly important) to 5 (essential).")))
        return "bad"
    return rating


def template_table(centre) -> ExportTable:
    """The XLSX template: the contract's columns, one row per occupation, a pair of columns per skill."""
    skills = list(Skill.objects.filter(centre=centre))
    occupations = list(Occupation.objects.filter(centre=centre))
    header = ["partner", "beroep", *(dutch for _key, dutch, _english, _required in FIGURES),
              *(f"{NOW[0]}: {skill.name}" for skill in skills), *(f"{LATER[0]}: {skill.name}" for skill in skills)]
    blanks = [""] * (len(header) - 2)
    return ExportTable(sheet="enquete", title=_("Workforce survey"),
                       columns=[ExportColumn(name, name, kind=None, width=max(12, min(len(name) + 2, 40)))
                                for name in header],
                       rows=[["", occupation.name, *blanks] for occupation in occupations])
