"""The view plumbing every app shares: posted data, form pages, running a service, confirm-then-act.

A view reads a form, calls one service and answers. The service refuses with a `CivhubError`
(each app's error subclasses it); these helpers turn that refusal into a form error or a flash
message the same way everywhere. A form that comes back with errors answers 400, a fresh one 200.
`made_in_background` is the answer of a download too large for a page: the worker makes it (core/requested_files.py).
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from civhub.core.errors import CivhubError
from civhub.core.requested_files import kind_of, request_file


def posted(request):
    """The submitted data on POST, else None (so a form built on it is unbound on GET)."""
    return request.POST if request.method == "POST" else None


def posted_files(request):
    """The uploaded files on POST, else None."""
    return request.FILES if request.method == "POST" else None


def form_status(form) -> int:
    """400 for a submitted form shown again (it has errors), 200 for a fresh one."""
    return 400 if form.is_bound else 200


def form_page(request, template: str, context: dict, *, form=None):
    """Render a form page; its status follows `form` (by default `context["form"]`), see `form_status`."""
    return render(request, template, context, status=form_status(context["form"] if form is None else form))


def show_error(form, error: CivhubError) -> None:
    """Put a refusal on its field when the form has that field, else above the form."""
    field = getattr(error, "field", None)
    form.add_error(field if field in form.fields else None, str(error))


def _go(request, message, to, result):
    """Flash `message` and redirect to `to`; either may be a callable of the call's result (what was just made).

    No message (None) when the page it leads to shows the effect itself.
    """
    message = message(result) if callable(message) else message
    if message:
        messages.success(request, message)
    return redirect(to(result) if callable(to) else to)


def attempt(request, form, call, message, to):
    """Run `call()`; on a refusal put it on the form and return None, else flash `message` and redirect to `to`."""
    try:
        result = call()
    except CivhubError as error:
        show_error(form, error)
        return None
    return _go(request, message, to, result)


def act(request, call, message, to, *, refused_to=None):
    """Run `call()` for a button: flash the refusal as an error (back to `refused_to` or `to`), or `message`."""
    try:
        result = call()
    except CivhubError as error:
        messages.error(request, str(error))
        return redirect(refused_to or to)
    return _go(request, message, to, result)


def confirm_then_act(request, template: str, context: dict, call, message, to, *, refused_to=None):
    """GET shows the confirmation page; POST runs the call through `act`."""
    if request.method != "POST":
        return render(request, template, context)
    return act(request, call, message, to, refused_to=refused_to)


def made_in_background(request, centre, *, kind: str, parameters: dict, name: str):
    """A download the worker makes: GET says so and offers the button; POST asks for it and opens its status page.

    The person asks with a POST (a link or a prefetch never starts the work); the same file still being made for
    them is that request again (`request_file`).
    """
    if request.method != "POST":
        return render(request, "core/made_in_background.html",
                      {"centre": centre, "title": kind_of(kind).label, "name": name})
    requested = request_file(kind=kind, centre=centre, actor=request.user, parameters=parameters, name=name)
    return redirect(reverse("core:requested_file", args=[centre.slug, requested.pk]))
