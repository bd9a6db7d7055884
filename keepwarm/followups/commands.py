"""`keepwarm today`, `keepwarm done`, `keepwarm snooze`."""

import datetime as dt

import click
from django.utils import timezone

from keepwarm.accounts.services import profile_of
from keepwarm.lib.cli import current_user, echo_json
from keepwarm.lib.dates import parse_date, zone
from keepwarm.lib.errors import InputError

from . import services


def _moment(user, on: str | None) -> dt.datetime:
    """`--on DATE` means that date at the current time of day in the user's zone."""
    if not on:
        return timezone.now()
    tz = zone(profile_of(user).time_zone)
    day = parse_date(on, "on")
    return dt.datetime.combine(day, timezone.now().astimezone(tz).time(), tzinfo=tz)


def _id(raw: str) -> int:
    if not raw.isdigit():
        raise InputError("id", raw, "expected a follow-up id (see `keepwarm today`)")
    return int(raw)


def register(root):
    @root.command("today")
    @click.option("--on", default=None, help="Pretend today is this date (YYYY-MM-DD).")
    @click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
    def today(on, as_json):
        """Whom to contact today and why: overdue, due today and coming up.

        Example: keepwarm today --on 2026-12-24
        """
        user = current_user()
        # A date given is a look ahead (or back): it must not close or create anything.
        result = services.preview_today(user, _moment(user, on)) if on else services.today_items(user, timezone.now())
        if as_json:
            echo_json([{**services.as_dict(r), "section": section}
                       for section, rows in (("overdue", result.overdue), ("due", result.due),
                                             ("upcoming", result.upcoming)) for r in rows])
            return
        if not result.all():
            click.echo(f"Nothing due on {result.today}. Add a job or a contact, or run `keepwarm demo` to look around.")
            return
        for title, rows in (("Overdue", result.overdue), ("Due today", result.due), ("Coming up", result.upcoming)):
            if rows:
                click.echo(click.style(f"{title} ({len(rows)})", bold=True))
                for r in rows:
                    who = " · ".join(filter(None, [r.contact, r.opportunity]))
                    click.echo(f"  [{r.id if r.id is not None else '-'}] {r.due}  {r.kind_label}: {who}")
                    click.echo(f"        {r.reason}")

    @root.command("done")
    @click.argument("followup_id")
    def done(followup_id):
        """Mark a follow-up done.

        Example: keepwarm done 12
        """
        row = services.mark_done(current_user(), _id(followup_id))
        click.echo(f"done: {row.get_kind_display()} ({row.id})")

    @root.command("snooze")
    @click.argument("followup_id")
    @click.option("--until", required=True, help="YYYY-MM-DD")
    def snooze(followup_id, until):
        """Put a follow-up off until a date.

        Example: keepwarm snooze 12 --until 2026-12-08
        """
        user = current_user()
        row = services.snooze(user, _id(followup_id), parse_date(until, "until"))
        click.echo(f"snoozed until {row.snoozed_until}: {row.get_kind_display()} ({row.id})")

    @root.command("dismiss")
    @click.argument("followup_id")
    def dismiss(followup_id):
        """Dismiss a follow-up you will not act on (it is not suggested again).

        Example: keepwarm dismiss 12
        """
        row = services.dismiss(current_user(), _id(followup_id))
        click.echo(f"dismissed: {row.get_kind_display()} ({row.id})")

    @root.command("remind")
    @click.argument("reason")
    @click.option("--on", "on", required=True, help="Due date, YYYY-MM-DD.")
    @click.option("--contact", default=None, help="Who it is about (name or id).")
    @click.option("--job", default=None, help="The job it is about (id or title).")
    def remind(reason, on, contact, job):
        """Add your own reminder; a later touch with that contact fulfils it.

        Example: keepwarm remind 'Ask Dana about the spring expo' --on 2026-12-08 --contact Dana
        """
        from keepwarm.jobs.services import find_opportunity
        from keepwarm.people.services import find_contact

        user = current_user()
        due = parse_date(on, "on")
        who = find_contact(user, contact) if contact else None
        opp = find_opportunity(user, job) if job else None
        row = services.add_reminder(user, due, reason, contact=who, opportunity=opp)
        click.echo(f"reminder {row.id} on {row.due_on}: {row.reason}")

