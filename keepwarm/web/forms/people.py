"""Adding and editing contacts and companies. Emails, phones and profiles are edited as one item per line."""

from django import forms

from keepwarm.people.services import MAX_CADENCE_DAYS
from keepwarm.web.forms.base import Form


def _lines(label, help_text, rows=2):
    return forms.CharField(label=label, help_text=help_text, required=False,
                           widget=forms.Textarea(attrs={"rows": rows}))


class ContactForm(Form):
    name = forms.CharField(max_length=200)
    company = forms.CharField(max_length=200, required=False)
    role = forms.CharField(max_length=200, required=False, label="Role or title")
    emails = _lines("Emails", "One per line; the first is the main one.")
    phones = _lines("Phones", "One per line, e.g. mobile=+1 312 555 0142.")
    socials = _lines("Social profiles", "One per line, e.g. facebook:jane.doe or linkedin:https://…")
    topics = _lines("Topics", "Personal things to bring up, one per line: “breeds sugar gliders”.", rows=2)
    cadence_days = forms.IntegerField(min_value=1, max_value=MAX_CADENCE_DAYS, required=False,
                                      label="Keep in touch every … days")
    how_met = forms.CharField(max_length=500, required=False, label="How we met")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


def contact_initial(contact) -> dict:
    return {
        "name": contact.name, "company": contact.company.name if contact.company_id else "", "role": contact.role,
        "emails": "\n".join(e.address for e in contact.emails.all()),
        "phones": "\n".join(f"{p.label}={p.e164}" if p.label else p.e164 for p in contact.phones.all()),
        "socials": "\n".join(f"{s.network}:{s.url or s.handle}" for s in contact.socials.all()),
        "topics": "\n".join(contact.topics or []), "cadence_days": contact.cadence_days,
        "how_met": contact.how_met, "notes": contact.notes,
    }


class CompanyForm(Form):
    name = forms.CharField(max_length=200)
    website = forms.URLField(max_length=500, required=False, assume_scheme="https")
    email_domains = forms.CharField(max_length=500, required=False, label="Email domains",
                                    help_text="Separated by commas, e.g. sugargliderco.com")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
