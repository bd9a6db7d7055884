"""`keepwarm mail …` as typed."""

from keepwarm.mail.models import DigestPreference, MailAccount


def test_mail_add_list_sync_and_digest(cli, owner, story, dovecot, imap_user):
    from .conftest import make_message

    conn = dovecot.login(imap_user)
    conn.create('"Sent"')
    conn.logout()
    dovecot.append(imap_user, "INBOX", make_message("jane@sugargliderco.com", imap_user, "Hello Amy"))
    result = cli("mail", "add", imap_user, "--imap-host", "127.0.0.1", "--imap-port", str(dovecot.port),
                 "--security", "none", input="secret\nsecret\n")
    assert result.exit_code == 0, result.output
    assert "secret" not in result.output.replace("Password", "")
    account = MailAccount.objects.get(owner=owner)
    assert account.password == "secret" and account.username == imap_user
    result = cli("mail", "sync")
    assert f"{imap_user}: read 1, matched 1, new 1" in result.output
    assert "never synced" not in cli("mail", "list").output
    assert cli("mail", "digest", "7").output.strip() == "daily digest at 7:00"
    assert DigestPreference.objects.get(user=owner).hour == 7
    assert cli("mail", "digest", "off").output.strip() == "daily digest off"


def test_mail_add_refuses_plain_text_to_remote_servers(cli, owner):
    result = cli("mail", "add", "amy@example.com", "--imap-host", "imap.example.com", "--security", "none",
                 "--password", "pw")
    assert result.exit_code == 2 and "imap_security" in result.output
    assert not MailAccount.objects.exists()


def test_mail_sync_unknown_account_is_a_one_line_error(cli, owner):
    result = cli("mail", "sync", "999")
    assert result.exit_code == 2 and "no such mail account" in result.output
