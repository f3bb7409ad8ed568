"""The shared view helpers: posted data, the form page's status, a refusal on the form or as a message."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import RequestFactory

from civhub.core import views
from civhub.core.errors import CivhubError

FACTORY = RequestFactory()


class NameForm(forms.Form):
    name = forms.CharField()


def _request(method="get", data=None):
    request = getattr(FACTORY, method)("/", data or {})
    request._messages = CookieStorage(request)
    return request


def _flashed(request) -> list[tuple[str, str]]:
    return [(message.level_tag, str(message)) for message in get_messages(request)]


@pytest.fixture
def rendered(monkeypatch):
    """Replace rendering by a record of what would be rendered, with its status."""
    calls = []

    def render(request, template, context=None, status=200):
        calls.append((template, context, status))
        return HttpResponse(status=status)

    monkeypatch.setattr(views, "render", render)
    return calls


def refuse(message="Nee.", field=None):
    raise CivhubError(message, field=field)


def test_posted_is_the_data_on_post_and_none_on_get():
    post = _request("post", {"name": "x"})
    assert views.posted(post) is post.POST and views.posted_files(post) is post.FILES
    assert views.posted(_request()) is None and views.posted_files(_request()) is None


def test_an_empty_post_still_binds_the_form():
    assert NameForm(views.posted(_request("post"))).is_bound


def test_form_page_answers_400_for_a_submitted_form_and_200_for_a_fresh_one(rendered):
    assert views.form_page(_request(), "t.html", {"form": NameForm()}).status_code == 200
    assert views.form_page(_request("post"), "t.html", {"form": NameForm({})}).status_code == 400
    other = NameForm({})
    assert views.form_page(_request(), "t.html", {"form": NameForm()}, form=other).status_code == 400


def test_show_error_uses_the_named_field_when_the_form_has_it():
    form = NameForm({"name": "x"})
    form.is_valid()
    views.show_error(form, CivhubError("Bezet.", field="name"))
    views.show_error(form, CivhubError("Elders.", field="elsewhere"))
    views.show_error(form, ValueError("Plain."))  # an error without `field` goes above the form
    assert form.errors["name"] == ["Bezet."]
    assert form.non_field_errors() == ["Elders.", "Plain."]


def test_attempt_flashes_and_redirects_on_success():
    request = _request("post")
    response = views.attempt(request, NameForm({}), lambda: 7, "Opgeslagen.", "/klaar/")
    assert response.status_code == 302 and response["Location"] == "/klaar/"
    assert _flashed(request) == [("success", "Opgeslagen.")]


def test_attempt_can_name_what_the_service_made():
    request = _request("post")
    response = views.attempt(request, NameForm({}), lambda: 7, lambda result: f"Nummer {result}.",
                             lambda result: f"/item/{result}/")
    assert response["Location"] == "/item/7/" and _flashed(request) == [("success", "Nummer 7.")]


def test_attempt_without_a_message_only_redirects():
    request = _request("post")
    assert views.attempt(request, NameForm({}), lambda: None, None, "/verder/")["Location"] == "/verder/"
    assert _flashed(request) == []


def test_attempt_keeps_the_form_with_the_refusal():
    request, form = _request("post"), NameForm({"name": "x"})
    form.is_valid()
    assert views.attempt(request, form, lambda: refuse("Te laat.", field="name"), "Opgeslagen.", "/") is None
    assert form.errors["name"] == ["Te laat."] and _flashed(request) == []


def test_attempt_lets_other_errors_through():
    with pytest.raises(ZeroDivisionError):
        views.attempt(_request("post"), NameForm({}), lambda: 1 / 0, "Opgeslagen.", "/")


def test_act_flashes_success_or_the_refusal():
    done = _request("post")
    assert views.act(done, lambda: None, "Gedaan.", "/lijst/")["Location"] == "/lijst/"
    assert _flashed(done) == [("success", "Gedaan.")]
    refused = _request("post")
    response = views.act(refused, lambda: refuse("Afgesloten."), "Gedaan.", "/lijst/", refused_to="/item/")
    assert response["Location"] == "/item/" and _flashed(refused) == [("error", "Afgesloten.")]
    refused_here = _request("post")
    assert views.act(refused_here, refuse, "Gedaan.", "/lijst/")["Location"] == "/lijst/"


def test_confirm_then_act_asks_on_get_and_acts_on_post(rendered):
    calls = []
    ask = views.confirm_then_act(_request(), "confirm.html", {"x": 1}, lambda: calls.append(1), "Weg.", "/")
    assert ask.status_code == 200 and rendered == [("confirm.html", {"x": 1}, 200)] and calls == []
    request = _request("post")
    response = views.confirm_then_act(request, "confirm.html", {}, lambda: calls.append(1), "Weg.", "/lijst/")
    assert response["Location"] == "/lijst/" and calls == [1] and _flashed(request) == [("success", "Weg.")]
