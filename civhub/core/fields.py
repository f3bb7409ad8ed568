"""Form fields every app's forms share: numbers typed either way, and keys and dates that refuse hostile values."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class FlexibleDecimalField(forms.DecimalField):
    """A number typed the Dutch way (7,5 or 1.234,56) or the English way (7.5 or 1,234.56), in either language.

    As docs/formats.md reads numbers: the last `,` or `.` is the decimal separator; others group thousands.
    """

    def to_python(self, value):
        if isinstance(value, str):
            text = value.strip().replace(" ", "").replace("\u00a0", "")
            last = max(text.rfind(","), text.rfind("."))
            if last >= 0:
                text = text[:last].replace(",", "").replace(".", "") + "." + text[last + 1:]
            value = text
        return super().to_python(value)


# Hostile values (docs/security.md, "Hostile input") -------------------------------------------------------------------

# A database key is a signed 64-bit integer; a larger number names nothing, and SQLite cannot even compare it
# (OverflowError), so such an id is refused as an invalid choice before any query.
SMALLEST_ID, LARGEST_ID = -(2**63), 2**63 - 1
# The dates civhub's records can hold: a year-1 date is a typing error, and date arithmetic and time zones
# break on it.
FIRST_YEAR, LAST_YEAR = 1900, 2200


def _out_of_range_id(field, value) -> bool:
    """Whether `value` is an integer that no integer key of `field`'s model can hold."""
    key = field.to_field_name or field.queryset.model._meta.pk.attname
    model_field = field.queryset.model._meta.get_field(key.removesuffix("_id") if key.endswith("_id") else key)
    if not isinstance(model_field, models.IntegerField | models.ForeignKey):
        return False
    try:
        number = int(str(value).strip())
    except ValueError:
        return False  # not a number: Django refuses it as it is
    return not SMALLEST_ID <= number <= LARGEST_ID


class ModelChoiceField(forms.ModelChoiceField):
    """Django's ModelChoiceField that refuses an id beyond the database's integers as an invalid choice."""

    def to_python(self, value):
        if value not in self.empty_values and _out_of_range_id(self, value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's ModelMultipleChoiceField that refuses an id beyond the database's integers as an invalid value."""

    def _check_values(self, value):
        for item in value if isinstance(value, list | tuple) else []:
            if _out_of_range_id(self, item):
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                      params={"pk": item})
        return super()._check_values(value)


def _check_year(value):
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(_("Enter a date between %(first)s and %(last)s."), code="date_range",
                              params={"first": FIRST_YEAR, "last": LAST_YEAR})
    return value


class DateField(forms.DateField):
    """Django's DateField that refuses a date outside FIRST_YEAR..LAST_YEAR with a field error."""

    def to_python(self, value):
        return _check_year(super().to_python(value))


class DateTimeField(forms.DateTimeField):
    """Django's DateTimeField that refuses a moment outside FIRST_YEAR..LAST_YEAR with a field error."""

    def to_python(self, value):
        return _check_year(super().to_python(value))


# The form field a model field gets in a ModelForm (`formfield_callback = formfield` in its Meta).
FORM_CLASSES = ((models.ManyToManyField, ModelMultipleChoiceField), (models.ForeignKey, ModelChoiceField),
                (models.DateTimeField, DateTimeField), (models.DateField, DateField))


def formfield(model_field, **kwargs):
    """A ModelForm's form field for `model_field`, with this module's fields for keys and dates."""
    for model_class, form_class in FORM_CLASSES:
        if isinstance(model_field, model_class):
            kwargs.setdefault("form_class", form_class)
            break
    return model_field.formfield(**kwargs)
