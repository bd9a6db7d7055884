"""`keepwarm log`: record a touch in any channel."""

import click

from keepwarm.accounts.services import profile_of
from keepwarm.jobs.services import find_opportunity
from keepwarm.lib.cli import current_user
from keepwarm.lib.dates import parse_datetime, zone
from keepwarm.people.services import find_contact

from .services import log_interaction, parse_channel, parse_direction


def register(root):
    @root.command("log")
    @click.option("--contact", "contacts", multiple=True, required=True, help="Who (name or id); repeatable.")
    @click.option("--channel", required=True,
                  help="email, phone, text, social:NETWORK (or just facebook, linkedin…), video, in_person, letter.")
    @click.option("--summary", required=True, help="What it was about.")
    @click.option("--direction", default="out", show_default=True, help="in (they reached you) or out.")
    @click.option("--when", default=None, help="ISO date-time (default: now).")
    @click.option("--job", default=None, help="The job it was about (id or title).")
    @click.option("--body", default="")
    def log(contacts, channel, summary, direction, when, job, body):
        """Log a touch with one or more contacts; it restarts their keep-in-touch clock.

        Example: keepwarm log --contact 'Jane Doe' --channel facebook --direction in --summary 'The job is yours!'
        """
        user = current_user()
        tz = zone(profile_of(user).time_zone)
        channel_value, network = parse_channel(channel)
        direction = parse_direction(direction)
        happened = parse_datetime(when, tz) if when else None
        people = [find_contact(user, c) for c in contacts]
        opp = find_opportunity(user, job) if job else None
        interaction = log_interaction(user, people, channel=channel_value, network=network, summary=summary,
                                      body=body, direction=direction, happened_at=happened, opportunity=opp)
        # The date in the user's zone, as Today counts days (the model's __str__ has only UTC to go by).
        local = interaction.happened_at.astimezone(tz)
        click.echo(f"logged {interaction.get_channel_display()} {interaction.get_direction_display().lower()} "
                   f"{local:%Y-%m-%d %H:%M} with {', '.join(p.name for p in people)}")
