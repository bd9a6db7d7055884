"""Adding and editing opportunities, interviews and the people on a job."""

from django import forms

from keepwarm.web.forms.base import Form

from keepwarm.jobs.models import InterviewFormat, Opportunity, Role, Source, Stage
from keepwarm.jobs.services import MAX_INTERVIEW_MINUTES


class JobForm(Form):
    title = forms.CharField(max_length=300)
    company = forms.CharField(max_length=200, required=False)
    source = forms.ChoiceField(choices=Source.choices, initial=Source.OTHER)
    source_name = forms.CharField(max_length=100, required=False, label="Source name",
                                  help_text="e.g. the job board: Indeed")
    posting_url = forms.URLField(max_length=1000, required=False, label="Posting URL", assume_scheme="https")
    location = forms.CharField(max_length=200, required=False)
    salary_text = forms.CharField(max_length=200, required=False, label="Salary")
    next_step = forms.CharField(max_length=300, required=False, label="Next step")
    posting_text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Posting details")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class NewJobForm(JobForm):
    stage = forms.ChoiceField(choices=Stage.choices, initial=Stage.APPLIED)
    hiring_manager = forms.CharField(max_length=200, required=False, label="Hiring manager",
                                     help_text="A name; a new contact is made when you have none by that name.")

    field_order = ["title", "company", "stage", "source", "hiring_manager"]


def job_initial(opp: Opportunity) -> dict:
    return {
        "title": opp.title, "company": opp.company.name if opp.company_id else "", "source": opp.source,
        "source_name": opp.source_name, "posting_url": opp.posting_url, "location": opp.location,
        "salary_text": opp.salary_text, "next_step": opp.next_step, "posting_text": opp.posting_text,
        "notes": opp.notes,
    }


class StageForm(Form):
    stage = forms.ChoiceField(choices=Stage.choices)
    revisit_on = forms.DateField(required=False, label="Revisit on", widget=forms.DateInput(attrs={"type": "date"}),
                                 help_text="On hold: when to ask about the role again (optional).")
    note = forms.CharField(max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if data.get("revisit_on") and data.get("stage") != Stage.ON_HOLD:
            data["revisit_on"] = None  # the date field is shown for every move; it only means something for on hold
        return data


class PersonForm(Form):
    name = forms.CharField(max_length=200, label="Person", help_text="An existing contact's name, or a new one.")
    role = forms.ChoiceField(choices=Role.choices, initial=Role.HIRING_MANAGER)


class InterviewForm(Form):
    starts_at = forms.DateTimeField(label="When", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    minutes = forms.IntegerField(min_value=1, max_value=MAX_INTERVIEW_MINUTES, initial=45)
    format = forms.ChoiceField(choices=InterviewFormat.choices, initial=InterviewFormat.VIDEO)
    where = forms.CharField(max_length=500, required=False, label="Place or link")
    interviewers = forms.CharField(max_length=500, required=False, label="With",
                                   help_text="Names of contacts, separated by commas.")
