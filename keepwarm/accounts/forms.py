"""Forms for first run and signing in."""

from zoneinfo import available_timezones

from django import forms

from keepwarm.web.forms.base import Form
from django.contrib.auth.password_validation import validate_password


def time_zone_choices():
    return [(z, z) for z in sorted(available_timezones())]


class FirstRunForm(Form):
    username = forms.CharField(label="Your name for signing in", max_length=150)
    password1 = forms.CharField(label="Password", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label="Password again", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    time_zone = forms.ChoiceField(label="Time zone", choices=time_zone_choices, initial="UTC")

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "The two passwords differ.")
        elif p1:
            try:
                validate_password(p1)
            except forms.ValidationError as e:
                self.add_error("password1", e)
        return data
