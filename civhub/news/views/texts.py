"""The centre's public texts, edited by the communications officer and the programme office.

An overview of every text with its Dutch and English version, and a form per text; the public
centre page shows the saved texts straight away.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from civhub.core.translated import localized
from civhub.core.views import attempt, form_page
from civhub.news.forms.texts import ContactForm, LineTextForm, TranslatedTextForm
from civhub.news.permissions import editor_required
from civhub.news.services.texts import CENTRE_TEXTS, save_centre_text, save_contact, save_line_text


def _texts(centre):
    """(spec, Dutch, English) per centre text; the reasons as one line per reason."""
    rows = []
    for spec in CENTRE_TEXTS.values():
        value = getattr(centre, spec.field)
        if spec.is_list:
            rows.append((spec, [localized(r, "nl") for r in value], [r.get("en", "") for r in value]))
        else:
            rows.append((spec, value.get("nl", ""), value.get("en", "")))
    return rows


@editor_required
def public_texts(request, centre):
    """`news:public_texts`: the texts of the public page, the programme lines and the contact persons."""
    return render(request, "news/texts/overview.html", {
        "centre": centre, "tab": "texts", "texts": _texts(centre),
        "lines": centre.programme_lines.all(), "contacts": centre.public_contacts.all(),
    })


def _save(request, form, centre, call, label):
    """Save through the service; back to the overview with a message naming the text (`label` may be a callable)."""
    return attempt(request, form, call,
                   lambda result: _("“%(text)s” is saved; the public page shows it now.")
                   % {"text": label(result) if callable(label) else label},
                   reverse("news:public_texts", args=[centre.slug]))


def _render(request, centre, form, heading):
    return form_page(request, "news/texts/form.html", {"centre": centre, "tab": "texts", "form": form,
                                                       "heading": heading})


@editor_required
def centre_text(request, centre, field):
    """`news:centre_text`: one of the centre's texts in Dutch and English."""
    spec = CENTRE_TEXTS.get(field)
    if spec is None:
        raise Http404
    value = getattr(centre, field)
    if spec.is_list:
        initial = {"nl": "\n".join(localized(r, "nl") for r in value), "en": "\n".join(r.get("en", "") for r in value)}
        help_text = _("One reason per line; the English lines go with the Dutch ones in the same order.")
    else:
        initial, help_text = {"nl": value.get("nl", ""), "en": value.get("en", "")}, ""
    form = TranslatedTextForm(request.POST or None, initial=initial, help_text=help_text,
                              rows=8 if spec.max_length > 600 else 4)
    if form.is_bound and form.is_valid():
        done = _save(request, form, centre, lambda: save_centre_text(centre=centre, actor=request.user, field=field,
                                                                 values=form.cleaned_data), spec.label)
        if done:
            return done
    return _render(request, centre, form, spec.label)


@editor_required
def line_text(request, centre, pk):
    """`news:line_text`: a programme line's name and description."""
    line = get_object_or_404(centre.programme_lines.all(), pk=pk)
    form = LineTextForm(request.POST or None, initial={
        "name_nl": line.name.get("nl", ""), "name_en": line.name.get("en", ""),
        "description_nl": line.description.get("nl", ""), "description_en": line.description.get("en", ""),
    })
    if form.is_bound and form.is_valid():
        done = _save(request, form, centre, lambda: save_line_text(line=line, actor=request.user, names=form.names(),
                                                               descriptions=form.descriptions()),
                     _("Programme line %(number)s") % {"number": line.number})
        if done:
            return done
    heading = _("Programme line %(number)s") % {"number": line.number}
    return _render(request, centre, form, heading)


@editor_required
def contact(request, centre, pk):
    """`news:contact`: a public contact person."""
    person = get_object_or_404(centre.public_contacts.all(), pk=pk)
    form = ContactForm(request.POST or None, initial={
        "name": person.name, "position_nl": person.position.get("nl", ""),
        "position_en": person.position.get("en", ""), "phone": person.phone, "email": person.email,
    })
    if form.is_bound and form.is_valid():
        done = _save(request, form, centre, lambda: save_contact(contact=person, actor=request.user,
                                                             data=form.cleaned_data, positions=form.positions()),
                     lambda saved: saved.name)
        if done:
            return done
    return _render(request, centre, form, person.name)
