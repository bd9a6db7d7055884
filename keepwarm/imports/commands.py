"""`keepwarm import csv|linkedin|facebook|vcard`: thin layers over services.py; all share the options below."""

import sys
from pathlib import Path

import click

from keepwarm.lib.cli import current_user, echo_json
from keepwarm.lib.errors import InputError

from . import facebook, services
from .bundle import Bundle

PROGRESS_FROM = 200  # records; below this a bar only flickers


def shared(func):
    func = click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")(func)
    func = click.option("--verbose", "-v", is_flag=True, help="List every record, not only the first 20 per kind.")(func)
    func = click.option("--skip-bad", is_flag=True, help="Leave out bad records (listed) instead of importing nothing.")(func)
    return click.option("--dry-run", is_flag=True, help="Show what would be created, merged or skipped; write nothing.")(func)


def _progress(label):
    def wrap(records):
        records = list(records)
        if len(records) < PROGRESS_FROM:
            return records
        return _Bar(records, label)
    return wrap


class _Bar:
    def __init__(self, records, label):
        self.records, self.label = records, label

    def __iter__(self):
        with click.progressbar(self.records, label=self.label, file=sys.stderr) as bar:
            yield from bar


def _show(report, as_json, verbose):
    if as_json:
        echo_json(report.as_dict())
        return
    limit = None if verbose else 20
    shown = {"created": 0, "merged": 0, "skipped": 0}
    for outcome in report.outcomes:  # in file order; unchanged records only add noise
        if outcome.action in shown:
            shown[outcome.action] += 1
            if limit is None or shown[outcome.action] <= limit:
                click.echo(outcome.line(report.dry_run))
    for action, count in shown.items():
        if limit and count > limit:
            click.echo(f"… and {count - limit} more {action} (use --verbose to list them)")
    click.echo(report.summary())


def _read(path: str) -> bytes:
    file = Path(path)
    if not file.is_file():
        raise InputError("file", path, "no such file")
    return file.read_bytes()


def register(root):
    group = root.commands["import"]

    @group.command("csv")
    @click.argument("file")
    @click.option("--map", "maps", multiple=True, metavar="COLUMN=FIELD",
                  help="Read COLUMN as FIELD (title, company, date_applied, status, link, contact, email, phone, "
                       "notes, salary, location, source, ignore); repeatable.")
    @shared
    def import_csv(file, maps, dry_run, skip_bad, verbose, as_json):
        """Import a spreadsheet of job applications (CSV, semicolon CSV or .xlsx) as jobs and contacts.

        Recognises common headers (company, position, date applied, status, link, contact, email, notes,
        salary, location); status words like waiting, no response, on hold, rejected become stages.

        Example: keepwarm import csv applications.csv --map 'Job=title' --dry-run
        """
        from .spreadsheet import parse_map_options

        report = services.import_csv(current_user(), _read(file), file, parse_map_options(maps), dry_run=dry_run,
                                     skip_bad=skip_bad, progress=_progress("Importing rows"))
        _show(report, as_json, verbose)

    @group.command("linkedin")
    @click.argument("path")
    @click.option("--no-messages", is_flag=True, help="Only the connections, not messages.csv.")
    @shared
    def import_linkedin(path, no_messages, dry_run, skip_bad, verbose, as_json):
        """Import LinkedIn's data export (the ZIP or its folder): connections → contacts, messages → touches.

        Example: keepwarm import linkedin Basic_LinkedInDataExport.zip --dry-run
        """
        report = services.import_linkedin(current_user(), Bundle(path), with_messages=not no_messages,
                                          dry_run=dry_run, skip_bad=skip_bad, progress=_progress("Importing"))
        _show(report, as_json, verbose)

    @group.command("facebook")
    @click.argument("path")
    @click.option("--conversation", "chosen", multiple=True, metavar="NAME",
                  help="Also bring in this conversation (its title or a person in it); its people become contacts.")
    @click.option("--all", "everything", is_flag=True, help="Bring in every conversation (not only your contacts').")
    @click.option("--me", default="", help="Your name as Facebook shows it (found automatically when possible).")
    @click.option("--list", "list_only", is_flag=True, help="List the conversations and stop.")
    @shared
    def import_facebook(path, chosen, everything, me, list_only, dry_run, skip_bad, verbose, as_json):
        """Import Messenger conversations from Facebook's JSON download (ZIP or folder) as social touches.

        By default only conversations with people who are already your contacts; choose others with
        --conversation NAME (or --all).

        Example: keepwarm import facebook facebook-amy.zip --conversation 'Jane Doe'
        """
        bundle = Bundle(path)
        if list_only:
            for title, count, people in facebook.list_conversations(bundle, me):
                click.echo(f"{title} — {count} messages" + (f" ({', '.join(people)})" if len(people) > 1 else ""))
            return
        report = services.import_facebook(current_user(), bundle, me=me, chosen=chosen, everything=everything,
                                          dry_run=dry_run, skip_bad=skip_bad, progress=_progress("Importing"))
        _show(report, as_json, verbose)

    @group.command("vcard")
    @click.argument("file")
    @shared
    def import_vcard(file, dry_run, skip_bad, verbose, as_json):
        """Import contacts from a vCard file (Google, Apple or Outlook; vCard 3.0 or 4.0), merged by email or phone.

        Example: keepwarm import vcard contacts.vcf --dry-run
        """
        report = services.import_vcard(current_user(), _read(file), file, dry_run=dry_run, skip_bad=skip_bad,
                                       progress=_progress("Importing cards"))
        _show(report, as_json, verbose)
