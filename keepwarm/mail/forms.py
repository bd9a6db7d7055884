"""Forms of the mail pages. Passwords are write-only: never rendered back (render_value=False)."""

from django import forms

from .drafts import TEMPLATES
from .models import MailAccount, Security

HOURS = [("", "Off")] + [(str(h), f"{h:02d}:00") for h in range(24)]


class AccountForm(forms.Form):
    label = forms.CharField(required=False, max_length=100)
    email_address = forms.EmailField(label="Your address")
    imap_host = forms.CharField(label="IMAP server", max_length=255)
    imap_port = forms.IntegerField(label="IMAP port", initial=993, min_value=1, max_value=65535)
    imap_security = forms.ChoiceField(label="IMAP security", choices=Security.choices, initial=Security.TLS)
    username = forms.CharField(label="User name", max_length=255)
    password = forms.CharField(widget=forms.PasswordInput(render_value=False), required=False,
                               help_text="Stored encrypted. Leave empty to keep the current one.")
    folders = forms.CharField(initial="INBOX, Sent", help_text="Folders to watch, comma-separated")
    sent_folder = forms.CharField(initial="Sent", required=False, help_text="Sent follow-ups are copied here")
    smtp_host = forms.CharField(label="SMTP server", required=False, max_length=255,
                                help_text="Needed to send follow-ups and the digest")
    smtp_port = forms.IntegerField(label="SMTP port", initial=587, min_value=1, max_value=65535)
    smtp_security = forms.ChoiceField(label="SMTP security", choices=Security.choices, initial=Security.STARTTLS)
    smtp_username = forms.CharField(label="SMTP user name", required=False, help_text="Empty: the IMAP one")
    smtp_password = forms.CharField(label="SMTP password", widget=forms.PasswordInput(render_value=False),
                                    required=False, help_text="Empty: the IMAP one (or keep the current one)")
    enabled = forms.BooleanField(required=False, initial=True, label="Sync this account")
    sync_every_minutes = forms.IntegerField(initial=15, min_value=1, max_value=1440)

    def __init__(self, *args, creating=False, **kwargs):
        super().__init__(*args, **kwargs)
        if creating:
            self.fields["password"].required = True
            self.fields["password"].help_text = "Stored encrypted; never shown again."

    @staticmethod
    def initial_for(account: MailAccount) -> dict:
        fields = [f for f in AccountForm.base_fields if f not in ("password", "smtp_password", "folders")]
        return {**{f: getattr(account, f) for f in fields}, "folders": ", ".join(account.watched_folders)}


class ComposeForm(forms.Form):
    account = forms.ModelChoiceField(queryset=MailAccount.objects.none(), empty_label=None, label="Send from")
    to = forms.CharField(max_length=500)
    subject = forms.CharField(max_length=500)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 14}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = MailAccount.objects.filter(owner=user, enabled=True).exclude(smtp_host="")


class DigestForm(forms.Form):
    hour = forms.ChoiceField(choices=HOURS, required=False, label="Daily digest at")
    to_address = forms.EmailField(required=False, label="Send it to", help_text="Empty: your mail account's address")


TEMPLATE_CHOICES = list(TEMPLATES.items())
