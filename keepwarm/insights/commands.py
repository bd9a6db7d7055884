"""`keepwarm stats`, `keepwarm export worklog`, `keepwarm backup`, `keepwarm restore`."""

from pathlib import Path

import click

from keepwarm.lib.cli import current_user, echo_json, output_option
from keepwarm.lib.dates import parse_date


def _write(output: str, payload) -> None:
    """Text or bytes to a file or standard output."""
    if output == "-":
        if isinstance(payload, bytes):
            click.get_binary_stream("stdout").write(payload)
        else:
            click.echo(payload, nl=False)
        return
    path = Path(output)
    if isinstance(payload, bytes):
        path.write_bytes(payload)
    else:
        path.write_text(payload, encoding="utf-8")
    click.echo(f"wrote {path}", err=True)


def register(root):
    @root.command("stats")
    @click.option("--since", default=None, help="Count only from this date (YYYY-MM-DD, your time zone).")
    @click.option("--json", "as_json", is_flag=True, help="Every figure as JSON (with the weekly series).")
    def stats_cmd(since, as_json):
        """Your search in numbers: applications, funnel, response rate by source, touches, streak.

        Example: keepwarm stats --since 2026-09-01
        """
        from django.utils import timezone

        from .stats import compute
        from .summary import text_summary

        data = compute(current_user(), timezone.now(), parse_date(since, "since") if since else None)
        if as_json:
            echo_json(data)
        else:
            click.echo(text_summary(data))

    @root.commands["export"].command("worklog")
    @click.option("--from", "start", required=True, help="First day (YYYY-MM-DD).")
    @click.option("--to", "end", required=True, help="Last day (YYYY-MM-DD).")
    @click.option("--format", "fmt", type=click.Choice(["csv", "pdf"]), default="csv", show_default=True)
    @click.option("--paper", default="a4", show_default=True, help="PDF paper size: a4 or letter.")
    @output_option
    def worklog_cmd(start, end, fmt, paper, output):
        """The work-search log for unemployment insurance: each employer contact, grouped by week.

        Example: keepwarm export worklog --from 2026-11-01 --to 2026-11-30 --format pdf --paper letter -o log.pdf
        """
        from django.utils import timezone

        from . import worklog, worklog_files

        user = current_user()
        first, last = parse_date(start, "from"), parse_date(end, "to")
        paper_size = worklog_files.parse_paper(paper)
        now = timezone.now()
        weeks = worklog.build(user, first, last, now)
        if fmt == "csv":
            _write(output, worklog_files.to_csv(weeks))
        else:
            _write(output, worklog_files.to_pdf(weeks, name=user.get_full_name() or user.username, start=first,
                                                end=last, paper=paper_size, generated=now.date()))

    @root.command("backup")
    @click.option("-o", "--output", default=None, type=click.Path(dir_okay=False),
                  help="File to write (default: keepwarm-backup-DATE.sqlite3 or .json here).")
    def backup_cmd(output):
        """A consistent copy of the whole database, safe while keepwarm runs (SQLite online backup; JSON on
        PostgreSQL).

        Example: keepwarm backup -o ~/keepwarm-backup.sqlite3
        """
        from django.utils import timezone

        from .backup import backup, default_name

        path = Path(output or default_name(timezone.now()))
        kind = backup(path)
        click.echo(f"wrote {kind} backup {path} ({path.stat().st_size:,} bytes)")

    @root.command("restore")
    @click.argument("file", type=click.Path(dir_okay=False))
    def restore_cmd(file):
        """Restore a backup into an empty data dir or empty database (never over existing data).

        Example: KEEPWARM_DATA_DIR=~/keepwarm-restored keepwarm restore keepwarm-backup.sqlite3
        """
        from .backup import restore

        click.echo(restore(Path(file)))
