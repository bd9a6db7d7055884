"""Mail pages: accounts (password never shown back), suggestions, compose & send, the digest setting."""

import datetime as dt

import pytest
from django.urls import reverse

from keepwarm.followups.models import State
from keepwarm.followups.services import add_reminder
from keepwarm.mail.models import ContactSuggestion, DigestPreference, MailAccount
from keepwarm.people.models import Contact
from keepwarm.timeline.models import Interaction

from .conftest import SMTP_PASSWORD, SMTP_USER


@pytest.fixture
def amy(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def suggestion(owner, story):
    return ContactSuggestion.objects.create(owner=owner, address="kim@sugargliderco.com", name="Kim Lee",
                                            company=story.jane.company, subject="Final interview",
                                            message_id="<kim-1@sugargliderco.com>",
                                            seen_at=dt.datetime(2026, 11, 20, tzinfo=dt.timezone.utc))


def test_outsiders_get_404_everywhere(client, outsider, owner, story, account, suggestion):
    client.force_login(outsider)
    followup = add_reminder(owner, dt.date(2026, 12, 1), "x", contact=story.jane)
    for name, kwargs, method in [
        ("mail:account-edit", {"mailaccount_id": account.id}, "get"),
        ("mail:account-delete", {"mailaccount_id": account.id}, "post"),
        ("mail:account-sync", {"mailaccount_id": account.id}, "post"),
        ("mail:suggestion-accept", {"contactsuggestion_id": suggestion.id}, "post"),
        ("mail:suggestion-dismiss", {"contactsuggestion_id": suggestion.id}, "post"),
        ("mail:compose-contact", {"contact_id": story.jane.id}, "get"),
        ("mail:compose-followup", {"followup_id": followup.id}, "get"),
    ]:
        assert getattr(client, method)(reverse(name, kwargs=kwargs)).status_code == 404, name
    assert MailAccount.objects.filter(id=account.id).exists()
    assert ContactSuggestion.objects.get(id=suggestion.id).state == "open"


def test_pages_need_a_login(client):
    response = client.get(reverse("mail:accounts"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_add_account_and_the_password_is_never_shown_back(amy, owner):
    data = {"email_address": "amy@example.com", "imap_host": "imap.example.com", "imap_port": 993,
            "imap_security": "tls", "username": "amy", "password": "hunter2-very-secret", "folders": "INBOX, Sent",
            "sent_folder": "Sent", "smtp_host": "", "smtp_port": 587, "smtp_security": "starttls",
            "enabled": "on", "sync_every_minutes": 15}
    response = amy.post(reverse("mail:account-new"), data)
    assert response.status_code == 302
    account = MailAccount.objects.get(owner=owner)
    assert account.password == "hunter2-very-secret" and account.folders == ["INBOX", "Sent"]
    page = amy.get(reverse("mail:account-edit", args=[account.id])).content.decode()
    assert "hunter2" not in page and "amy@example.com" in page
    assert "hunter2" not in amy.get(reverse("mail:accounts")).content.decode()
    # Saving the form with an empty password keeps the stored one.
    amy.post(reverse("mail:account-edit", args=[account.id]), {**data, "password": "", "label": "Work"})
    account.refresh_from_db()
    assert account.password == "hunter2-very-secret" and account.label == "Work"


def test_unencrypted_imap_to_a_remote_server_is_refused_and_nothing_saved(amy, owner):
    response = amy.post(reverse("mail:account-new"), {
        "email_address": "amy@example.com", "imap_host": "imap.example.com", "imap_port": 143,
        "imap_security": "none", "username": "amy", "password": "pw", "folders": "INBOX", "smtp_port": 587,
        "smtp_security": "starttls", "sync_every_minutes": 15})
    assert response.status_code == 200 and "127.0.0.1 only" in response.content.decode()
    assert not MailAccount.objects.exists()


def test_sync_now_makes_the_account_due(amy, account):
    MailAccount.objects.filter(id=account.id).update(next_sync_at=dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc))
    amy.post(reverse("mail:account-sync", args=[account.id]))
    account.refresh_from_db()
    assert account.next_sync_at is None


def test_accepting_a_suggestion_makes_a_contact_with_their_first_touch(amy, owner, suggestion):
    page = amy.get(reverse("mail:suggestions")).content.decode()
    assert "kim@sugargliderco.com" in page and "Final interview" in page
    amy.post(reverse("mail:suggestion-accept", args=[suggestion.id]), {"name": "Kim Lee-Park"})
    kim = Contact.objects.get(owner=owner, name="Kim Lee-Park")
    assert kim.company.name == "Sugar Glider Co." and kim.primary_email == "kim@sugargliderco.com"
    touch = Interaction.objects.get(external_id="<kim-1@sugargliderco.com>")
    assert list(touch.contacts.all()) == [kim]
    assert ContactSuggestion.objects.get(id=suggestion.id).state == "accepted"


def test_dismissed_suggestions_stay_dismissed(amy, owner, suggestion, tmp_path):
    from keepwarm.mail.importer import import_eml

    from .conftest import make_message

    amy.post(reverse("mail:suggestion-dismiss", args=[suggestion.id]), follow=True)  # the notice names them
    assert "kim@sugargliderco.com" not in amy.get(reverse("mail:suggestions")).content.decode()
    (tmp_path / "again.eml").write_bytes(make_message("Kim Lee <kim@sugargliderco.com>", "amy@x.example", "Again"))
    assert import_eml(owner, [tmp_path / "again.eml"]).suggested == 1  # still "about the search", counted…
    again = ContactSuggestion.objects.get(id=suggestion.id)
    assert (again.state, again.times_seen, again.subject) == ("dismissed", 1, "Final interview")  # …never re-opened


def test_compose_from_a_follow_up_sends_logs_and_closes_it(amy, owner, story, account, smtp_server):
    MailAccount.objects.filter(id=account.id).update(smtp_host="127.0.0.1", smtp_port=smtp_server.port,
                                                     smtp_security="none", smtp_username=SMTP_USER, sent_folder="")
    account.refresh_from_db()
    account.smtp_password = SMTP_PASSWORD
    account.save()
    followup = add_reminder(owner, dt.date(2026, 12, 1), "Thank Jane", contact=story.jane)
    url = reverse("mail:compose-followup", args=[followup.id])
    page = amy.get(url).content.decode()
    assert "jane@sugargliderco.com" in page and "Hi Jane," in page
    response = amy.post(url, {"account": account.id, "to": "jane@sugargliderco.com", "subject": "Thanks!",
                              "body": "Hi Jane, thank you."})
    assert response.status_code == 302, response.content.decode()[:500]
    assert len(smtp_server.messages) == 1
    followup.refresh_from_db()
    assert followup.state == State.DONE
    assert Interaction.objects.get(owner=owner).summary == "Thanks!"


def test_compose_without_a_sending_account_says_so(amy, story):
    page = amy.get(reverse("mail:compose-contact", args=[story.jane.id])).content.decode()
    assert "Add a mail account with an SMTP server" in page


def test_digest_setting_from_the_settings_page(amy, owner):
    page = amy.get(reverse("web:settings")).content.decode()
    assert 'id="mail-settings"' in page and "Daily digest at" in page
    amy.post(reverse("mail:digest"), {"hour": "7", "to_address": ""})
    assert DigestPreference.objects.get(user=owner).hour == 7
    amy.post(reverse("mail:digest"), {"hour": "", "to_address": ""})
    assert DigestPreference.objects.get(user=owner).hour is None
