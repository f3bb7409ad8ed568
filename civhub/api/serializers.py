"""The feed's objects in OOAPI v5's shape: Course, Offering, Organization, and the Pagination around them.

The serializers only read what the selectors fetched (related rows, skill names, offering ids,
enrolment counts), so rendering a page makes no queries. The mappings from
civhub's choices to OOAPI's values are in civhub/api/vocabulary.py.
"""

from decimal import Decimal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from civhub.api import vocabulary
from civhub.api.ids import COURSE, OFFERING, ORGANIZATION, ooapi_uuid
from civhub.core.formatting import group_number, to_cents


class OoapiSerializer(serializers.Serializer):
    """Leaves out the optional fields civhub has no value for, as OOAPI does, rather than sending null."""

    def to_representation(self, instance):
        return {key: value for key, value in super().to_representation(instance).items() if value is not None}


class LanguageTypedStringSerializer(serializers.Serializer):
    """A text with its language as a BCP 47 tag: `{"language": "nl-NL", "value": "…"}`."""

    language = serializers.CharField()
    value = serializers.CharField(allow_blank=True)


class IdentifierEntrySerializer(serializers.Serializer):
    """A human-readable code and what kind of code it is."""

    codeType = serializers.CharField()
    code = serializers.CharField()


class CostSerializer(serializers.Serializer):
    """A price: the amount as a string with a dot decimal, and as shown to people."""

    costType = serializers.CharField()
    amount = serializers.CharField()
    currency = serializers.CharField()
    displayAmount = serializers.CharField()


MODES_SCHEMA = {"type": "array", "items": {"type": "string", "enum": sorted(vocabulary.MODE_OF_DELIVERY.values())}}


@extend_schema_field(OpenApiTypes.UUID)
class IdField(serializers.Field):
    """The feed's UUID of a related object, from its primary key (see civhub/api/ids.py)."""

    def __init__(self, kind: str, **kwargs):
        self.kind = kind
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return str(ooapi_uuid(self.kind, value))


@extend_schema_field(LanguageTypedStringSerializer(many=True))
class CourseTextField(serializers.Field):
    """A course text (`title` or `description`) as a list of one language-typed string."""

    def __init__(self, attribute: str, **kwargs):
        self.attribute = attribute
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, course):
        return [{"language": vocabulary.text_language(course.language), "value": getattr(course, self.attribute)}]


@extend_schema_field(MODES_SCHEMA)
class ModeOfDeliveryField(serializers.Field):
    """A course's mode as OOAPI's list of modes of delivery (always one)."""

    def to_representation(self, mode):
        return [vocabulary.MODE_OF_DELIVERY[mode]]


@extend_schema_field(CostSerializer(many=True))
class PriceInformationField(serializers.Field):
    """A course's price as OOAPI's priceInformation: one cost of type "total costs", in euros."""

    def to_representation(self, price: Decimal):
        amount = to_cents(price)
        return [{
            "costType": "total costs",
            "amount": f"{amount:.2f}",
            "currency": "EUR",
            "displayAmount": f"€ {group_number(amount, 2, 'nl')}",
        }]


@extend_schema_field(OpenApiTypes.NUMBER)
class StudyLoadValueField(serializers.Field):
    """A study load as a JSON number: 16 rather than 16.0, 7.5 as it is."""

    def to_representation(self, value: Decimal):
        return int(value) if value == value.to_integral_value() else float(value)


def primary_code(code_type: str, *parts) -> dict:
    return {"codeType": code_type, "code": "-".join(str(part) for part in parts)}


class StudyLoadSerializer(serializers.Serializer):
    studyLoadUnit = serializers.CharField(source="study_load_unit")
    value = StudyLoadValueField(source="study_load")


class CourseExtSerializer(OoapiSerializer):
    """civhub's own course details, which OOAPI has no field for."""

    centre = serializers.CharField(source="centre_slug")
    nlqfLevel = serializers.IntegerField(source="nlqf_level", required=False)  # left out when not set
    eqfLevel = serializers.IntegerField(source="eqf_level", required=False)
    stapEligible = serializers.BooleanField(source="stap_eligible")
    skills = serializers.SerializerMethodField()
    priceInformation = PriceInformationField(source="price")

    def get_skills(self, course) -> list[str]:
        return course.skill_names


class CourseSerializer(OoapiSerializer):
    """One published course as an OOAPI v5 Course."""

    courseId = IdField(COURSE, source="pk")
    primaryCode = serializers.SerializerMethodField()
    name = CourseTextField("title", source="*")
    abbreviation = serializers.SerializerMethodField()
    description = CourseTextField("description", source="*")
    teachingLanguage = serializers.CharField(source="language")
    level = serializers.SerializerMethodField()
    studyLoad = StudyLoadSerializer(source="*")
    modeOfDelivery = ModeOfDeliveryField(source="mode")
    organization = IdField(ORGANIZATION, source="provider.organisation_id")
    offerings = serializers.SerializerMethodField()
    ext = CourseExtSerializer(source="*")

    @extend_schema_field(IdentifierEntrySerializer)
    def get_primaryCode(self, course) -> dict:
        return primary_code("courseCode", course.provider.short_code, course.pk)

    def get_abbreviation(self, course) -> str:
        return self.get_primaryCode(course)["code"]

    @extend_schema_field({"type": "string", "enum": vocabulary.LEVELS})
    def get_level(self, course) -> str:
        return vocabulary.level(course)

    @extend_schema_field({"type": "array", "items": {"type": "string", "format": "uuid"}})
    def get_offerings(self, course) -> list[str]:
        return [str(ooapi_uuid(OFFERING, pk)) for pk in course.offering_ids]


class OfferingExtSerializer(serializers.Serializer):
    """civhub's own offering details: where it takes place (free text) and whether STAP pays for it."""

    location = serializers.CharField()
    stapEligible = serializers.BooleanField(source="course.stap_eligible")


class OfferingSerializer(OoapiSerializer):
    """One offering of a published course as an OOAPI v5 course offering."""

    offeringId = IdField(OFFERING, source="pk")
    primaryCode = serializers.SerializerMethodField()
    offeringType = serializers.SerializerMethodField()
    name = CourseTextField("title", source="course")
    description = CourseTextField("description", source="course")
    teachingLanguage = serializers.CharField(source="course.language")
    modeOfDelivery = ModeOfDeliveryField(source="course.mode")
    startDate = serializers.DateField(source="start_date")
    endDate = serializers.DateField(source="end_date")
    maxNumberStudents = serializers.IntegerField(source="capacity")
    enrolledNumberStudents = serializers.IntegerField(source="enrolled_count")
    pendingNumberStudents = serializers.IntegerField(source="waiting_count")
    resultExpected = serializers.SerializerMethodField()
    priceInformation = PriceInformationField(source="course.price")
    course = IdField(COURSE, source="course_id")
    organization = IdField(ORGANIZATION, source="course.provider.organisation_id")
    ext = OfferingExtSerializer(source="*")

    @extend_schema_field(IdentifierEntrySerializer)
    def get_primaryCode(self, offering) -> dict:
        return primary_code("offeringCode", offering.course.provider.short_code, offering.course_id, offering.pk)

    @extend_schema_field({"type": "string", "enum": ["course"]})
    def get_offeringType(self, offering) -> str:
        return "course"

    def get_resultExpected(self, offering) -> bool:
        return False  # civhub records enrolments, not grades or certificates


class OrganizationExtSerializer(serializers.Serializer):
    """civhub's own details of a provider: its kind of organisation and its city (when known)."""

    kind = serializers.CharField()
    city = serializers.CharField(required=False)

    def to_representation(self, organisation):
        return {key: value for key, value in super().to_representation(organisation).items() if value != ""}


class OrganizationSerializer(OoapiSerializer):
    """An organisation providing published courses as an OOAPI v5 Organization."""

    organizationId = IdField(ORGANIZATION, source="pk")
    name = serializers.SerializerMethodField()
    shortName = serializers.CharField(source="short_name")
    organizationType = serializers.SerializerMethodField()
    link = serializers.URLField(source="website", required=False)  # left out when the organisation has none
    ext = OrganizationExtSerializer(source="*")

    def to_representation(self, organisation):
        data = super().to_representation(organisation)
        if not data.get("link"):
            data.pop("link", None)
        return data

    @extend_schema_field(LanguageTypedStringSerializer(many=True))
    def get_name(self, organisation) -> list[dict]:
        return [{"language": "nl-NL", "value": organisation.name}]

    @extend_schema_field({"type": "string", "enum": sorted({*vocabulary.ORGANIZATION_TYPE.values(),
                                                            vocabulary.OTHER_ORGANIZATION_TYPE})})
    def get_organizationType(self, organisation) -> str:
        return vocabulary.organization_type(organisation.kind)


def page_serializer(name: str, item_serializer):
    """The serializer of a Pagination object whose items are `item_serializer`'s objects."""
    return inline_serializer(name, fields={
        "pageSize": serializers.IntegerField(),
        "pageNumber": serializers.IntegerField(),
        "hasPreviousPage": serializers.BooleanField(),
        "hasNextPage": serializers.BooleanField(),
        "totalPages": serializers.IntegerField(),
        "items": item_serializer(many=True),
    })


CoursePage = page_serializer("CoursePage", CourseSerializer)
OfferingPage = page_serializer("OfferingPage", OfferingSerializer)
OrganizationPage = page_serializer("OrganizationPage", OrganizationSerializer)

ProblemSerializer = inline_serializer("Problem", fields={
    "status": serializers.IntegerField(),
    "title": serializers.CharField(),
    "detail": serializers.CharField(),
})
