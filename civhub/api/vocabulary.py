"""How civhub's choices read in OOAPI v5's vocabulary (levels, modes of delivery, organisation types, languages).

Levels. OOAPI's levels are those of Dutch education (RIO):
    mbo 2, 3, 4      → "secondary vocational education 2", "… 3", "… 4"
    hbo associate    → "associate degree"
    hbo bachelor     → "bachelor"
    university (wo)  → by the course's NLQF level (else its EQF level): 6 "bachelor", 7 "master",
                       8 "doctoral"; without either "undefined", as OOAPI has no plain "university"
    non-formal       → "undefined" (OOAPI's "onbepaald": not a level of the formal system)
The NLQF and EQF levels themselves are in the course's `ext`.

Modes of delivery: on site → "situated" (at a location, here a lab or company on the park),
online → "online", blended → "hybrid".

Organisation types. OOAPI's types describe the parts of an educational institution (root,
institute, faculty, department, branch, academy, school); the feed's providers are
independent organisations, so none is the "root" of the others:
    school (mbo)                   → "school"
    university or college          → "institute"
    any other kind (companies, foundations, hospitals, governments) → "academy": the
    organisation in its role as a provider of training.

Texts. A course's title and description are taken to be written in its teaching language
(a Dutch course in Dutch, an English one in English), tagged as BCP 47 ("nl-NL", "en-GB").
"""

from civhub.learning.models import Course
from civhub.partners.models import OrganisationKind

LEVELS = [
    "secondary vocational education 2",
    "secondary vocational education 3",
    "secondary vocational education 4",
    "associate degree",
    "bachelor",
    "master",
    "doctoral",
    "undefined",
]
_LEVEL = {
    Course.Level.MBO_2: "secondary vocational education 2",
    Course.Level.MBO_3: "secondary vocational education 3",
    Course.Level.MBO_4: "secondary vocational education 4",
    Course.Level.HBO_ASSOCIATE: "associate degree",
    Course.Level.HBO_BACHELOR: "bachelor",
    Course.Level.NON_FORMAL: "undefined",
}
_UNIVERSITY_LEVEL = {6: "bachelor", 7: "master", 8: "doctoral"}

MODE_OF_DELIVERY = {
    Course.Mode.ON_SITE: "situated",
    Course.Mode.ONLINE: "online",
    Course.Mode.BLENDED: "hybrid",
}

ORGANIZATION_TYPE = {
    OrganisationKind.SCHOOL: "school",
    OrganisationKind.COLLEGE: "institute",
}
OTHER_ORGANIZATION_TYPE = "academy"

_TEXT_LANGUAGE = {"nld": "nl-NL", "eng": "en-GB", "deu": "de-DE", "fra": "fr-FR"}


def level(course: Course) -> str:
    """The OOAPI level of `course` (see the module's docstring)."""
    if course.level == Course.Level.WO:
        return _UNIVERSITY_LEVEL.get(course.nlqf_level or course.eqf_level, "undefined")
    return _LEVEL[course.level]


def organization_type(kind: str) -> str:
    return ORGANIZATION_TYPE.get(kind, OTHER_ORGANIZATION_TYPE)


def text_language(teaching_language: str) -> str:
    """The BCP 47 tag of a course's texts, from its three-letter teaching language; Dutch if not known."""
    return _TEXT_LANGUAGE.get(teaching_language, "nl-NL")
