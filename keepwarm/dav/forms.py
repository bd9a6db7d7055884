from django import forms

from .models import DavKind


class AccountForm(forms.Form):
    kind = forms.ChoiceField(choices=DavKind.choices)
    url = forms.URLField(label="URL", max_length=1000, assume_scheme="https",
                         help_text="Address book: its collection URL. Calendar: the CalDAV server URL.")
    username = forms.CharField(required=False, max_length=200)
    password = forms.CharField(required=False, widget=forms.PasswordInput(render_value=False))
    calendar_name = forms.CharField(required=False, max_length=200, initial="keepwarm",
                                    help_text="Calendar: its name (created when missing).")
    linked_only = forms.BooleanField(required=False, label="Only contacts linked to a job")
