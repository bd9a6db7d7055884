"""`keepwarm export vcard|ics`, `keepwarm who NUMBER`, `keepwarm dav …` (address books, calendars, the feed)."""

import os

import click

from keepwarm.accounts.services import profile_of
from keepwarm.lib.cli import current_user, echo_json, output_option
from keepwarm.lib.dates import zone
from keepwarm.lib.errors import InputError


def _write(output: str, text: str) -> None:
    # Bytes, so the CRLF line ends vCard and iCalendar require survive on every platform.
    with click.open_file(output, "wb", atomic=output != "-") as fh:
        fh.write(text.encode("utf-8"))
    if output != "-":
        click.echo(f"wrote {output}", err=True)


def _password(env_name: str) -> str:
    if env_name:
        value = os.environ.get(env_name, "")
        if not value:
            raise InputError("password-env", env_name, "that environment variable is empty or not set")
        return value
    return click.prompt("Password", hide_input=True, default="", show_default=False)


def register(root):
    export = root.commands["export"]

    @export.command("vcard")
    @output_option
    @click.option("--contact", "contacts", multiple=True, help="Only this contact (name or id); repeatable.")
    @click.option("--with-context", is_flag=True, help="Show the company beside the name: 'Jane Doe (Sugar Glider Co.)'.")
    @click.option("--linked-only", is_flag=True, help="Only contacts linked to a job.")
    def export_vcard(output, contacts, with_context, linked_only):
        """Write contacts as vCard 3.0 (phones import it), with the job context in each card's note.

        Example: keepwarm export vcard -o contacts.vcf --with-context
        """
        from .services import export_vcards

        _write(output, export_vcards(current_user(), contacts=contacts, with_context=with_context,
                                     linked_only=linked_only))

    @export.command("ics")
    @output_option
    def export_ics_cmd(output):
        """Write interviews (timed, with a reminder) and open follow-ups (all-day) as an iCalendar file.

        Example: keepwarm export ics -o keepwarm.ics
        """
        from .services import export_ics

        _write(output, export_ics(current_user()))

    @root.command("who")
    @click.argument("number")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    def who_cmd(number, as_json):
        """Who is calling? Finds the contact by any common writing of the number.

        Example: keepwarm who '(312) 555-0142'
        """
        from .lookup import who

        matches = who(current_user(), number)
        if as_json:
            echo_json([m.as_dict() for m in matches])
            return
        if not matches:
            click.echo(f"no contact has the number {number}")
            raise SystemExit(1)
        for m in matches:
            click.echo(f"{m.name}" + (f", {m.title}" if m.title else "") + (f" — {m.company}" if m.company else ""))
            click.echo(f"  number: {m.number}" + (f" ({m.label})" if m.label else ""))
            for job in m.jobs:
                at = f" at {job.company}" if job.company else ""
                click.echo(f"  job: {job.title}{at} — {job.stage} ({job.role.lower()})")
            if m.last_touch:
                click.echo(f"  last touch: {m.last_touch:%Y-%m-%d} ({m.last_channel.lower()})")
            else:
                click.echo("  last touch: never")

    @root.group("dav")
    def dav():
        """Push contacts to a phone's address book (CardDAV) and events to a calendar (CalDAV).

        Example: keepwarm dav list
        """

    @dav.command("add-addressbook")
    @click.argument("url")
    @click.option("--username", default="", help="Account user name.")
    @click.option("--password-env", default="", help="Read the password from this environment variable "
                                                     "(otherwise you are asked for it).")
    @click.option("--linked-only", is_flag=True, help="Only contacts linked to a job (default: all contacts).")
    @click.option("--no-context", is_flag=True, help="Do not add '(Company)' to the name shown on a call.")
    def add_addressbook(url, username, password_env, linked_only, no_context):
        """Push contacts to this CardDAV address book (its collection URL) on every sync.

        Example: keepwarm dav add-addressbook https://dav.example.com/amy/contacts/ --username amy
        """
        from .services import add_account

        password = _password(password_env)
        account = add_account(current_user(), "addressbook", url, username=username, password=password,
                              linked_only=linked_only, name_context=not no_context)
        click.echo(f"added account {account.id}: {account}")

    @dav.command("add-calendar")
    @click.argument("url")
    @click.option("--calendar", "calendar_name", default="keepwarm", show_default=True,
                  help="The calendar's name (created when missing).")
    @click.option("--username", default="", help="Account user name.")
    @click.option("--password-env", default="", help="Read the password from this environment variable "
                                                     "(otherwise you are asked for it).")
    def add_calendar(url, calendar_name, username, password_env):
        """Push interviews and follow-ups to a calendar on this CalDAV server on every sync.

        Example: keepwarm dav add-calendar https://dav.example.com/ --calendar 'Job search' --username amy
        """
        from .services import add_account

        password = _password(password_env)
        account = add_account(current_user(), "calendar", url, username=username, password=password,
                              calendar_name=calendar_name)
        click.echo(f"added account {account.id}: {account}")

    @dav.command("list")
    def list_accounts():
        """List your address books and calendars with their last push.

        Example: keepwarm dav list
        """
        from .models import DavAccount

        user = current_user()
        tz = zone(profile_of(user).time_zone)
        for a in DavAccount.objects.filter(owner=user):
            when = f"{a.last_synced_at.astimezone(tz):%Y-%m-%d %H:%M}" if a.last_synced_at else "never"
            error = f" — error: {a.last_error}" if a.last_error else ""
            click.echo(f"{a.id}\t{a}\tlast push: {when}{error}")

    @dav.command("remove")
    @click.argument("account_id")
    def remove_account(account_id):
        """Stop pushing to an account (the cards and events already there stay).

        Example: keepwarm dav remove 2
        """
        from .services import find_account

        account = find_account(current_user(), account_id)
        account.delete()
        click.echo(f"removed account {account_id}")

    @dav.command("push")
    def push():
        """Push every account now, without waiting for the worker.

        Example: keepwarm dav push
        """
        from .models import DavAccount
        from .services import push_account

        failed = False
        for account in DavAccount.objects.filter(owner=current_user()):
            report, error = push_account(account)
            click.echo(f"{account}: {report if report else 'failed'}" + (f" — {error}" if error else ""))
            failed = failed or report is None
        if failed:
            raise SystemExit(1)

    @dav.command("feed")
    @click.option("--new", "new", is_flag=True, help="Make a new secret URL (the old one stops working).")
    @click.option("--revoke", is_flag=True, help="Turn the feed off.")
    @click.option("--base-url", default="http://127.0.0.1:8000", show_default=True,
                  help="Where keepwarm is served, to print the full URL.")
    def feed(new, revoke, base_url):
        """Show the private calendar feed URL to subscribe to from a calendar app.

        Example: keepwarm dav feed --new --base-url https://keepwarm.example.com
        """
        from django.urls import reverse

        from .cards import dav_profile
        from .services import new_feed_token, revoke_feed

        user = current_user()
        if revoke:
            revoke_feed(user)
            click.echo("feed revoked")
            return
        token = new_feed_token(user) if new else dav_profile(user).feed_token
        if not token:
            click.echo("no feed yet: run `keepwarm dav feed --new`")
            return
        click.echo(base_url.rstrip("/") + reverse("dav:feed", kwargs={"token": token}))
