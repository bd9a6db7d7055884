"""Today's items, built in Python (web/today_items.py): escaped, with every action, one CSRF field each."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from keepwarm.followups import services as followups
from keepwarm.jobs.services import create_opportunity
from keepwarm.people.services import create_contact
from tests.conftest import aware

NOW = aware(2026, 12, 1, 10)


@pytest.fixture
def amy(client, owner):
    client.force_login(owner)
    return client


@pytest.mark.django_db
def test_items_escape_what_users_typed_and_keep_every_action(amy, owner):
    with time_machine.travel(NOW, tick=False):
        evil = create_contact(owner, 'Eve <script>alert("x")</script>')
        job = create_opportunity(owner, "Grooming & <b>care</b>", stage="applied")
        row = followups.add_reminder(owner, NOW.date(), 'Ask about "the <i>move</i>" & more', contact=evil,
                                     opportunity=job)
        plain = followups.add_reminder(owner, NOW.date() - dt.timedelta(days=2), "No one attached")
        html = amy.get(reverse("web:today")).content.decode()
    assert "<script>alert" not in html and "<b>care</b>" not in html and "<i>move</i>" not in html
    assert "Eve &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "Ask about &quot;the &lt;i&gt;move&lt;/i&gt;&quot; &amp; more" in html
    item = re.search(rf'<article class="followup" id="followup-{row.id}">.*?</article>', html, re.S).group(0)
    assert f'href="{reverse("web:contact", args=[evil.id])}"' in item
    assert f'href="{reverse("web:opportunity", args=[job.id])}"' in item
    assert f'href="{reverse("mail:compose-followup", args=[row.id])}"' in item
    assert f'{reverse("web:quick-log")}?followup={row.id}' in item
    for action in ("done", "snooze", "dismiss"):
        assert f'hx-post="{reverse(f"web:followup-{action}", args=[row.id])}"' in item
    assert item.count('name="csrfmiddlewaretoken"') == 1 and '<select name="days"' in item
    assert "· due Tue 1 Dec<" in item
    lone = re.search(rf'<article class="followup" id="followup-{plain.id}">.*?</article>', html, re.S).group(0)
    assert "Write</a>" not in lone  # nobody to write to
    assert "· due Sun 29 Nov<" in lone


@pytest.mark.django_db
def test_snooze_from_the_shared_form_without_javascript(amy, owner):
    with time_machine.travel(NOW, tick=False):
        row = followups.add_reminder(owner, NOW.date(), "Call back")
        html = amy.get(reverse("web:today")).content.decode()
        days = re.search(r'<select name="days"[^>]*><option value="(\d+)"', html).group(1)
        r = amy.post(reverse("web:followup-snooze", args=[row.id]), {"days": days})
    assert r.status_code == 302
    row.refresh_from_db()
    assert row.state == "snoozed" and row.snoozed_until == NOW.date() + dt.timedelta(days=int(days))
