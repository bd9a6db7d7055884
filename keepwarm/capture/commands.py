"""`keepwarm capture FILE|URL|-`."""

import re
from pathlib import Path

import click

from keepwarm.lib.cli import current_user, echo_json
from keepwarm.lib.errors import InputError


def read_source(source: str, stdin_text: str | None = None) -> tuple[str, str]:
    """(content, url) from a URL, a saved file, or '-' (standard input)."""
    if re.match(r"^https?://", source, re.I):
        from .services import fetch_url

        return fetch_url(source)
    if source == "-":
        return stdin_text if stdin_text is not None else click.open_file("-").read(), ""
    path = Path(source)
    if not path.is_file():
        raise InputError("source", source, "no such file (or give an http(s):// URL, or - for standard input)")
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), ""  # old pages saved by Windows browsers


def register(root):
    @root.command("capture")
    @click.argument("source")
    @click.option("--url", default="", help="The posting's address, when SOURCE is a saved page or pasted text.")
    @click.option("--json", "as_json", is_flag=True, help="Print what was read and done as JSON.")
    @click.option("--dry-run", is_flag=True, help="Show what would be saved; change nothing.")
    def capture(source, url, as_json, dry_run):
        """Save a job posting as an opportunity (stage saved): from a URL, a saved HTML file, or - for pasted text.

        Reads schema.org JobPosting, Craigslist pages, OpenGraph and plain text. Capturing the same posting
        again updates it. The scam check runs on it.

        Example: keepwarm capture job.html --dry-run
        """
        from .parse import parse_posting
        from .services import save_posting

        user = current_user()
        content, fetched_url = read_source(source)
        posting = parse_posting(content, url or fetched_url, record=source if source != "-" else "standard input")
        result = save_posting(user, posting, dry_run=dry_run)
        if as_json:
            echo_json(result.as_dict())
            return
        opp = result.opportunity
        where = f" at {posting.company}" if posting.company else ""
        source_text = posting.source + (f" ({posting.source_name})" if posting.source_name else "")
        ident = f" {opp.id}" if opp else ""
        click.echo(f"{result.action} opportunity{ident}: {posting.title}{where} — saved, source {source_text}")
        if posting.location or posting.salary:
            click.echo("  " + " · ".join(x for x in (posting.location, posting.salary) if x))
        if result.scam_note and not dry_run:
            click.echo(f"  scam check: {result.scam_note}")
