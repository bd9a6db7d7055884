"""The settings form: time zone, phone region and the engine's rule intervals (Profile.rules)."""

import dataclasses

import phonenumbers
from django import forms

from keepwarm.web.forms.base import Form

from keepwarm.accounts.forms import time_zone_choices
from keepwarm.followups.engine import Rules

RULE_HELP = {
    "applied_first": "Days after applying with no reply: first follow-up",
    "applied_second": "Days after applying: second follow-up",
    "ghosted_after": "Days after applying: suggest marking the job as ghosted",
    "thank_you_hours": "Hours after an interview to send a thank-you note",
    "thank_you_window_days": "Days after which a thank-you is no longer suggested",
    "final_check_in_business_days": "Business days after a final interview: check in",
    "on_hold_every": "Days between keep-warm touches for a job on hold",
    "rejected_keep_every": "Days between touches with people kept after a rejection",
    "gracious_window_days": "Days after a rejection during which a gracious reply is suggested",
    "upcoming_days": "How many days ahead “coming up” looks",
}
RULE_NAMES = [f.name for f in dataclasses.fields(Rules)]


def region_choices():
    regions = sorted(phonenumbers.SUPPORTED_REGIONS)
    return [(r, f"{r} (+{phonenumbers.country_code_for_region(r)})") for r in regions]


class SettingsForm(Form):
    time_zone = forms.ChoiceField(choices=time_zone_choices)
    phone_region = forms.ChoiceField(choices=region_choices, label="Phone region",
                                     help_text="For numbers typed without a +country code.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        defaults = Rules()
        for name in RULE_NAMES:
            self.fields[name] = forms.IntegerField(
                min_value=0, required=False, label=RULE_HELP.get(name, name.replace("_", " ")),
                help_text=f"Default: {getattr(defaults, name)}", widget=forms.NumberInput(
                    attrs={"placeholder": getattr(defaults, name)}))

    def rule_fields(self):
        return [self[name] for name in RULE_NAMES]

    def rules(self) -> dict:
        """Only the intervals that differ from the defaults are stored, so improved defaults reach everyone."""
        defaults = Rules()
        return {name: self.cleaned_data[name] for name in RULE_NAMES
                if self.cleaned_data.get(name) is not None and self.cleaned_data[name] != getattr(defaults, name)}


def settings_initial(profile) -> dict:
    return {"time_zone": profile.time_zone, "phone_region": profile.phone_region, **(profile.rules or {})}
