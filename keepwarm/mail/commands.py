"""`keepwarm import mbox|eml` and `keepwarm mail …` (accounts, sync now, digest hour)."""

import os
import sys

import click
from django.utils import timezone

from keepwarm.lib.cli import current_user
from keepwarm.lib.errors import InputError


def _summary(counts, dry_run=False):
    prefix = "dry run (nothing written): " if dry_run else ""
    click.echo(prefix + counts.line())


def register(root):
    importer = root.commands["import"]

    @importer.command("mbox")
    @click.argument("path", type=click.Path(dir_okay=False))
    @click.option("--dry-run", is_flag=True, help="Read and match, write nothing.")
    @click.option("--rescan", is_flag=True, help="Look again at messages an earlier import saw (after adding contacts).")
    @click.option("--me", multiple=True, help="Your own address (repeatable); mail from it is outbound.")
    def import_mbox(path, dry_run, rescan, me):
        """Log the mail you exchanged with your contacts from an mbox file (e.g. Google Takeout).

        Streams the file: memory stays flat however big it is. Safe to interrupt and run again.

        Example: keepwarm import mbox ~/Takeout/Mail/All\\ mail.mbox --dry-run
        """
        from .importer import import_mbox as run

        user = current_user()
        size = os.path.getsize(path) if os.path.isfile(path) else 0
        with click.progressbar(length=size, label="Reading mail", file=sys.stderr,
                               show_pos=False, show_percent=True) as bar:
            counts = run(user, path, dry_run=dry_run, rescan=rescan, me=me, on_read=bar.update,
                         now=timezone.now())
        _summary(counts, dry_run)

    @importer.command("eml")
    @click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
    @click.option("--dry-run", is_flag=True, help="Read and match, write nothing.")
    @click.option("--me", multiple=True, help="Your own address (repeatable); mail from it is outbound.")
    def import_eml(paths, dry_run, me):
        """Log single saved messages (.eml files) exchanged with your contacts.

        Example: keepwarm import eml interview-invite.eml thank-you.eml
        """
        from .importer import import_eml as run

        _summary(run(current_user(), paths, dry_run=dry_run, me=me), dry_run)

    @root.group("mail")
    def mail():
        """Mail accounts: add one, list them, sync now, the daily digest.

        Example: keepwarm mail list
        """

    @mail.command("add")
    @click.argument("address")
    @click.option("--imap-host", required=True)
    @click.option("--imap-port", type=int, default=993, show_default=True)
    @click.option("--security", type=click.Choice(["tls", "starttls", "none"]), default="tls", show_default=True)
    @click.option("--username", default=None, help="Default: the address.")
    @click.option("--password", prompt=True, hide_input=True, envvar="KEEPWARM_MAIL_PASSWORD",
                  help="Asked for when not given (or set KEEPWARM_MAIL_PASSWORD); stored encrypted.")
    @click.option("--folders", default="INBOX,Sent", show_default=True, help="Comma-separated folders to watch.")
    @click.option("--sent-folder", default="Sent", show_default=True, help="Where sent follow-ups are copied.")
    @click.option("--smtp-host", default="", help="For sending follow-ups and the digest.")
    @click.option("--smtp-port", type=int, default=587, show_default=True)
    @click.option("--smtp-security", type=click.Choice(["tls", "starttls", "none"]), default="starttls",
                  show_default=True)
    def add(address, imap_host, imap_port, security, username, password, folders, sent_folder, smtp_host,
            smtp_port, smtp_security):
        """Add a mail account to sync (and send from, with --smtp-host).

        Example: keepwarm mail add amy@example.com --imap-host imap.example.com --smtp-host smtp.example.com
        """
        from .accounts import create_account

        account = create_account(
            current_user(), email_address=address, imap_host=imap_host, imap_port=imap_port, imap_security=security,
            username=username or address, password=password, folders=folders, sent_folder=sent_folder,
            smtp_host=smtp_host, smtp_port=smtp_port, smtp_security=smtp_security,
        )
        click.echo(f"added mail account {account.id}: {account.email_address} (syncs {', '.join(account.folders)})")

    @mail.command("list")
    def list_accounts():
        """Your mail accounts with their last sync and any error.

        Example: keepwarm mail list
        """
        from .models import MailAccount

        for a in MailAccount.objects.filter(owner=current_user()):
            last = f"synced {a.last_sync_at:%Y-%m-%d %H:%M}" if a.last_sync_at else "never synced"
            click.echo(f"[{a.id}] {a.email_address} at {a.imap_host}:{a.imap_port} · {last}"
                       + (f" · error: {a.last_error}" if a.last_error else ""))

    @mail.command("sync")
    @click.argument("account_id", type=int, required=False)
    def sync(account_id):
        """Sync your mail accounts now (or just one).

        Example: keepwarm mail sync 1
        """
        from .models import MailAccount
        from .sync import sync_now

        accounts = MailAccount.objects.filter(owner=current_user(), enabled=True)
        if account_id is not None:
            accounts = accounts.filter(id=account_id)
            if not accounts:
                raise InputError("account", account_id, "no such mail account (see `keepwarm mail list`)")
        for account in accounts:
            counts = sync_now(account)
            account.refresh_from_db()
            if counts is None:
                click.echo(f"{account.email_address}: a worker is syncing it right now")
            else:
                click.echo(f"{account.email_address}: {counts.line()}"
                           + (f"\n  error: {account.last_error}" if account.last_error else ""))

    @mail.command("digest")
    @click.argument("hour")
    @click.option("--to", "to_address", default="", help="Send it here (default: your account's address).")
    def digest(hour, to_address):
        """Get the Today list by email every day at HOUR (0–23, your time zone), or `off`.

        Example: keepwarm mail digest 7
        """
        from .digest import set_digest

        pref = set_digest(current_user(), hour, to_address)
        click.echo("daily digest off" if pref.hour is None else f"daily digest at {pref.hour}:00")
