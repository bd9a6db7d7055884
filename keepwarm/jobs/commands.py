"""`keepwarm add job`, `keepwarm add interview`, `keepwarm stage`."""

import click

from keepwarm.accounts.services import profile_of
from keepwarm.lib.cli import current_user
from keepwarm.lib.dates import parse_date, parse_datetime, zone
from keepwarm.lib.errors import InputError

from .models import Source, Stage
from .services import add_interview, change_stage, create_opportunity, find_opportunity


def register(root):
    add = root.commands["add"]

    @add.command("job")
    @click.argument("title")
    @click.option("--company", required=True, help="Company name (created when new).")
    @click.option("--source", default="other", help=f"Where you found it: {', '.join(Source.values)}.")
    @click.option("--source-name", default="", help="e.g. the job board's name.")
    @click.option("--url", default="", help="The posting's URL.")
    @click.option("--stage", default="saved", help=f"One of: {', '.join(Stage.values)}.")
    @click.option("--contact", "contacts", multiple=True, help="NAME[:ROLE], e.g. 'Jane Doe:hiring_manager'.")
    @click.option("--location", default="")
    @click.option("--salary", default="")
    def add_job(title, company, source, source_name, url, stage, contacts, location, salary):
        """Add a job you are pursuing (an opportunity).

        Example: keepwarm add job 'Breeder assistant' --company 'Sugar Glider Co.' --source craigslist
        --stage applied --contact 'Jane Doe:hiring_manager'
        """
        opp = create_opportunity(current_user(), title, company=company, source=source, source_name=source_name,
                                 url=url, stage=stage, contacts=contacts, location=location, salary_text=salary)
        click.echo(f"added job {opp.id}: {opp}")

    @add.command("interview")
    @click.argument("job")
    @click.option("--at", "at", required=True, help="Start, ISO date-time in your time zone (or with an offset).")
    @click.option("--minutes", default="45", show_default=True)
    @click.option("--format", "format_", default="video", show_default=True, help="phone, video or on-site.")
    @click.option("--where", default="", help="Place or meeting link.")
    @click.option("--with", "with_", multiple=True, help="Interviewer (contact name); repeatable.")
    @click.option("--prep", default="", help="Preparation notes.")
    def add_interview_cmd(job, at, minutes, format_, where, with_, prep):
        """Schedule an interview for a job (JOB is its id or title).

        Example: keepwarm add interview 'Breeder assistant' --at 2026-12-01T14:00 --format on-site --with 'Jane Doe'
        """
        user = current_user()
        if not minutes.isdigit():
            raise InputError("minutes", minutes, "expected a whole number of minutes")
        tz = zone(profile_of(user).time_zone)
        starts = parse_datetime(at, tz, "at")
        opp = find_opportunity(user, job)
        interview = add_interview(opp, starts, minutes=int(minutes), format=format_, where=where,
                                  interviewers=with_, prep_notes=prep)
        click.echo(f"added interview {interview.id}: {interview}")

    @root.command("stage")
    @click.argument("job")
    @click.argument("stage")
    @click.option("--revisit", default=None, help="On hold: the date to ask about the role again (YYYY-MM-DD).")
    @click.option("--keep", multiple=True, help="After a rejection: a contact to keep in touch with; repeatable.")
    @click.option("--note", default="")
    def stage_cmd(job, stage, revisit, keep, note):
        """Move a job to a stage (the change is kept in its history).

        Example: keepwarm stage 'Breeder assistant' on_hold --revisit 2027-03-01
        """
        user = current_user()
        revisit_on = parse_date(revisit, "revisit") if revisit else None
        opp = find_opportunity(user, job)
        change_stage(opp, stage, revisit_on=revisit_on, note=note, keep=keep)
        extra = f" (revisit {revisit_on})" if revisit_on else ""
        click.echo(f"{opp}: {change_stage_label(opp.stage)}{extra}")


def change_stage_label(stage: str) -> str:
    return Stage(stage).label
