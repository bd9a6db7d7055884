"""Quick log and the follow-up actions on Today."""

from django import forms

from keepwarm.web.forms.base import Form

from keepwarm.people.models import Network
from keepwarm.timeline.models import Channel, Direction


class QuickLogForm(Form):
    """Three fields for the common case (channel, who, what); the rest is tucked away under 'more'."""

    channel = forms.ChoiceField(choices=Channel.choices, initial=Channel.EMAIL)
    who = forms.CharField(max_length=500, label="Who", help_text="A contact's name (several: separate with commas).")
    summary = forms.CharField(max_length=500, label="What", help_text="What it was about, in a line.")
    # --- optional ---
    direction = forms.ChoiceField(choices=Direction.choices, initial=Direction.OUTBOUND, required=False)
    happened_at = forms.DateTimeField(required=False, label="When (default: now)",
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    network = forms.ChoiceField(choices=[("", "—"), *Network.choices], required=False, label="Network",
                                help_text="For social messages.")
    opportunity = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="About the job")
    was_interview = forms.BooleanField(required=False, label="It was an interview for this job",
                                       help_text="Records the interview too, so keepwarm reminds you to say thanks.")
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Notes")
    followup = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, jobs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opportunity"].choices = [("", "—"), *((o.id, str(o)) for o in jobs)]


SNOOZE_PRESETS = [(1, "Tomorrow"), (3, "In 3 days"), (7, "Next week"), (30, "In a month")]


class SnoozeForm(Form):
    days = forms.TypedChoiceField(coerce=int, choices=SNOOZE_PRESETS, required=False)
    until = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if not data.get("days") and not data.get("until"):
            raise forms.ValidationError("Choose how long to snooze.")
        return data
