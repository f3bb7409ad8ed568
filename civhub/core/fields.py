"""Form fields every app's forms share."""

from django import forms


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
