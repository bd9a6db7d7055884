"""Contact and company pages: ways to reach them, topics, cadence, the timeline, open follow-ups; lists; edits."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.urls import reverse
from django.shortcuts import get_object_or_404, redirect, render

from keepwarm.lib.errors import InputError
from keepwarm.people.models import Company, Contact

from .. import contact_page, services, timeline
from ..forms.people import CompanyForm, ContactForm, contact_initial
from ..helpers import form_error

PAGE = 50


@login_required
def contacts(request):
    q = request.GET.get("q", "").strip()
    qs = Contact.objects.filter(owner=request.user).select_related("company").order_by("name", "id")
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(company__name__icontains=q))
    page = Paginator(qs, PAGE).get_page(request.GET.get("page"))
    return render(request, "web/contacts.html", {"page": page, "q": q})


@login_required
def contact(request, contact_id):
    c = contact_page.contact_or_404(request.user.id, contact_id)
    return render(request, "web/contact.html", {
        "contact": c, **contact_page.details(c), "limit": timeline.LIMIT,
        "log_url": f"{reverse('web:quick-log')}?contact={c.id}",
    })


def _contact_form_page(request, form, title, contact=None):
    return render(request, "web/contact_form.html", {"form": form, "title": title, "contact": contact})


@login_required
def new_contact(request):
    form = ContactForm(request.POST or None, initial={"company": request.GET.get("company", "")})
    if request.method == "POST" and form.is_valid():
        try:
            c = services.new_contact(request.user, form.cleaned_data)
        except InputError as e:
            form_error(form, e, fields={"phone": "phones", "email": "emails", "social": "socials",
                                        "network": "socials", "cadence": "cadence_days"})
        else:
            messages.success(request, f"Added {c.name}.")
            return redirect("web:contact", c.id)
    return _contact_form_page(request, form, "Add a contact")


@login_required
def edit_contact(request, contact_id):
    c = get_object_or_404(Contact, owner=request.user, pk=contact_id)
    form = ContactForm(request.POST or None, initial=contact_initial(c))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_contact(c, form.cleaned_data)
        except InputError as e:
            form_error(form, e, fields={"phone": "phones", "email": "emails", "social": "socials",
                                        "network": "socials"})
        else:
            messages.success(request, "Saved.")
            return redirect("web:contact", c.id)
    return _contact_form_page(request, form, f"Edit {c.name}", c)


@login_required
def companies(request):
    q = request.GET.get("q", "").strip()
    qs = Company.objects.filter(owner=request.user).order_by("name", "id")
    if q:
        qs = qs.filter(name__icontains=q)
    qs = qs.annotate(n_contacts=Count("contacts", distinct=True))
    page = Paginator(qs, PAGE).get_page(request.GET.get("page"))
    return render(request, "web/companies.html", {"page": page, "q": q})


@login_required
def company(request, company_id):
    co = get_object_or_404(Company, owner=request.user, pk=company_id)
    return render(request, "web/company.html", {
        "company": co,
        "people": co.contacts.order_by("name")[:100],
        "people_count": co.contacts.count(),
        "opportunities": co.opportunities.order_by("-updated_at")[:100],
    })


@login_required
def edit_company(request, company_id):
    co = get_object_or_404(Company, owner=request.user, pk=company_id)
    form = CompanyForm(request.POST or None, initial={
        "name": co.name, "website": co.website, "email_domains": ", ".join(co.email_domains), "notes": co.notes})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if Company.objects.filter(owner=request.user, name__iexact=data["name"]).exclude(pk=co.pk).exists():
            form.add_error("name", "You already have a company by that name.")
        else:
            co.name, co.website, co.notes = data["name"].strip(), data["website"], data["notes"]
            co.email_domains = [d.strip().lower().lstrip("@") for d in data["email_domains"].split(",") if d.strip()]
            co.save()
            messages.success(request, "Saved.")
            return redirect("web:company", co.id)
    return render(request, "web/company_form.html", {"form": form, "company": co})
