"""The public site: the list of centres, a centre's page, and the application to become a partner."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language

from civhub.core.clients import client_address
from civhub.core.models import Centre
from civhub.core.public_cache import cached_for_visitors
from civhub.partners.errors import PartnerError
from civhub.partners.forms.public import PartnerApplicationForm
from civhub.partners.selectors.public import centre_page
from civhub.partners.services.applications import submit_application

HOME_PAGE_SIZE = 24  # a school that runs many centres: the home page lists them a page at a time


@cached_for_visitors
def home(request):
    """`/`: the centres on this site, a page at a time, or straight to the only one."""
    page_obj = Paginator(Centre.objects.order_by("name", "pk"), HOME_PAGE_SIZE).get_page(request.GET.get("page"))
    if page_obj.paginator.count == 1:
        return redirect("public:centre", page_obj[0].slug)
    return render(request, "partners/public/home.html", {"centres": page_obj, "page_obj": page_obj})


@cached_for_visitors
def centre(request, slug):
    centre = get_object_or_404(Centre, slug=slug)
    return render(request, "partners/public/centre.html", {"centre": centre, "page": centre_page(centre)})


def apply(request, slug):
    """The 'become a partner' form: creates an application, not a partner."""
    centre = get_object_or_404(Centre, slug=slug)
    form = PartnerApplicationForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.is_spam():
            return redirect("public:apply_done", centre.slug)
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"consent", "nickname"}}
        try:
            submit_application(centre=centre, data=data, ip_address=client_address(request),
                               language=get_language())
        except PartnerError as error:
            form.add_error(None, str(error))
            status = 429
        else:
            return redirect("public:apply_done", centre.slug)
    elif request.method == "POST":
        status = 400
    return render(request, "partners/public/apply.html", {"centre": centre, "form": form}, status=status)


def apply_done(request, slug):
    centre = get_object_or_404(Centre, slug=slug)
    return render(request, "partners/public/apply_done.html", {"centre": centre})
