"""Small forms: the dashboard's period, the work-search log's range, the account deletion confirmation."""

import datetime as dt

from django import forms
from django.contrib.auth import authenticate

PERIODS = [("4", "Last 4 weeks"), ("12", "Last 12 weeks"), ("26", "Last 26 weeks"), ("52", "Last year"),
           ("all", "All time")]
DEFAULT_PERIOD = "12"


class PeriodForm(forms.Form):
    weeks = forms.ChoiceField(choices=PERIODS, required=False, label="Period")

    def since(self, today: dt.date) -> dt.date | None:
        """Monday of the first week in the period (whole weeks, so the weekly charts have no partial first bar)."""
        weeks = (self.cleaned_data.get("weeks") if self.is_valid() else None) or DEFAULT_PERIOD
        if weeks == "all":
            return None
        monday = today - dt.timedelta(days=today.weekday())
        return monday - dt.timedelta(weeks=int(weeks) - 1)


class WorklogForm(forms.Form):
    start = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}))
    paper = forms.ChoiceField(choices=[("a4", "A4"), ("letter", "US Letter")], required=False, initial="a4",
                              label="Paper (PDF)")

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError("The end date is before the start date.")
        return data


class DeleteAccountForm(forms.Form):
    username = forms.CharField(label="Type your user name to confirm")
    password = forms.CharField(label="Your password", widget=forms.PasswordInput, required=False)

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("username") != self.user.username:
            raise forms.ValidationError("The user name does not match.")
        # Accounts without a usable password (made on the command line) confirm with the name alone.
        if self.user.has_usable_password() and authenticate(username=self.user.username,
                                                            password=data.get("password") or "") is None:
            raise forms.ValidationError("The password is not right.")
        return data
