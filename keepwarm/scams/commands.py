"""`keepwarm check` and `keepwarm scams retrain|mark`: thin commands over scams.services."""

import sys
from pathlib import Path

import click

from keepwarm.cli import KeepwarmGroup
from keepwarm.lib.cli import current_user, echo_json
from keepwarm.lib.errors import InputError


def _user_or_none():
    try:
        return current_user()
    except InputError:
        return None  # checking works before any user exists; feedback just isn't applied


def print_result(result) -> None:
    click.echo(f"{result.verdict} (score {result.score:.2f})")
    if result.note:
        click.echo(result.note)
    for r in result.reasons:
        click.echo(f"- {r['explanation']}")
        click.echo(f"  evidence: {r['evidence']}")
        click.echo(f"  source: {r['source']}")
    if result.verdict == "no red flags found":
        click.echo("This does not mean it is safe: check the company through its own website before sharing anything.")


def register(root):
    @root.command("check")
    @click.argument("file", required=False, default="-", type=click.Path(dir_okay=False, allow_dash=True))
    @click.option("--kind", type=click.Choice(["posting", "message"]),
                  help="What the text is (default: a raw e-mail is detected by its headers, else a posting).")
    @click.option("--company-domain", "company_domains", multiple=True, help="The company's real domain.")
    @click.option("--json", "as_json", is_flag=True, help='Print {"verdict", "score", "reasons"} as JSON.')
    def check_cmd(file, kind, company_domains, as_json):
        """Say whether a job posting or a message looks like a scam, and why.

        FILE is a posting (text or HTML) or a message (raw RFC 822 e-mail or plain text); '-' or
        nothing reads standard input. Exit status is 0 whatever the verdict.

        Example: keepwarm check offer.eml --json
        """
        from .services import check_for_user

        if file == "-":
            raw = sys.stdin.buffer.read()
        else:
            try:
                raw = Path(file).read_bytes()
            except OSError as exc:
                raise InputError("file", file, exc.strerror or "cannot read") from None
        from .checks import looks_like_rfc822

        if not raw.strip():
            raise InputError("file", file, "is empty: nothing to check")
        kind = kind or ("message" if looks_like_rfc822(raw) else "posting")
        if kind == "posting":
            raw = raw.decode("utf-8", "replace")
        result = check_for_user(_user_or_none(), raw, kind=kind, company_domains_=company_domains)
        if as_json:
            echo_json(result.as_dict())
        else:
            print_result(result)

    @root.group(cls=KeepwarmGroup)
    def scams():
        """Scam shield: feedback and your own model.

        Example: keepwarm scams retrain
        """

    @scams.command("retrain")
    @click.option("--data", type=click.Path(dir_okay=False, path_type=Path),
                  help="Training data (JSON lines) to refit on, plus your feedback; without it the feedback is "
                       "folded into the shipped model.")
    def retrain_cmd(data):
        """Fold your "scam" / "not a scam" feedback into your own model (kept in the data dir).

        Example: keepwarm scams retrain
        """
        from .services import retrain

        if data is not None and not data.is_file():
            raise InputError("data", str(data), "no such file")
        retrain(current_user(), data, log=click.echo)

    @scams.command("mark")
    @click.argument("label", type=click.Choice(["scam", "not_scam"]))
    @click.option("--opportunity", "opportunity_id", type=int, help="Opportunity id.")
    @click.option("--interaction", "interaction_id", type=int, help="Interaction id.")
    def mark_cmd(label, opportunity_id, interaction_id):
        """Mark an opportunity or an interaction as a scam or not a scam.

        Example: keepwarm scams mark not_scam --interaction 42
        """
        from keepwarm.jobs.models import Opportunity
        from keepwarm.timeline.models import Interaction

        from .services import mark

        user = current_user()
        if (opportunity_id is None) == (interaction_id is None):
            raise InputError("target", "", "give exactly one of --opportunity or --interaction")
        if opportunity_id is not None:
            opp = Opportunity.objects.filter(owner=user, pk=opportunity_id).first()
            if opp is None:
                raise InputError("opportunity", opportunity_id, "no such opportunity")
            fb = mark(user, label, opportunity=opp)
        else:
            inter = Interaction.objects.filter(owner=user, pk=interaction_id).first()
            if inter is None:
                raise InputError("interaction", interaction_id, "no such interaction")
            fb = mark(user, label, interaction=inter)
        click.echo(f"marked {fb.kind} {fb.key} as {fb.get_label_display().lower()}")
