from django import forms


class Form(forms.Form):
    """Labels without Django's trailing colon: cleaner with Pico, and what screen readers read out."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
