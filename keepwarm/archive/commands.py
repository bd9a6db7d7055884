"""`keepwarm export json` and `keepwarm import json`: everything of one user, round trip exact."""

import os
import tempfile
from pathlib import Path

import click

from keepwarm.lib.cli import current_user, output_option
from keepwarm.lib.errors import InputError

from .services import dumps, export_user, import_user, loads


def _write(path: str, text: str) -> None:
    """Write atomically (temporary file, then rename): a failed export never leaves half a backup."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=".keepwarm-export-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def register(root):
    @root.commands["export"].command("json")
    @output_option
    def export_json(output):
        """Write everything you have (contacts, jobs, touches, follow-ups, settings) to one JSON file.

        Example: keepwarm export json -o backup.json
        """
        text = dumps(export_user(current_user()))
        if output == "-":
            click.echo(text, nl=False)
        else:
            _write(output, text)
            click.echo(f"exported to {output}", err=True)

    @root.commands["import"].command("json")
    @click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
    def import_json(file):
        """Bring back a JSON export (yours or another install's). Everything or nothing is written; importing
        the same file again adds nothing.

        Example: keepwarm import json backup.json
        """
        user = current_user()
        try:
            text = click.open_file(file, encoding="utf-8").read()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError("file", file, getattr(exc, "strerror", None) or str(exc)) from None
        summary = import_user(user, loads(text, file))
        for name, counts in summary.items():
            click.echo(f"{name}: {counts['created']} added, {counts['existing']} already there")
