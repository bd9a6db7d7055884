"""`keepwarm add contact`."""

import click

from keepwarm.accounts.services import profile_of
from keepwarm.lib.cli import current_user
from keepwarm.lib.errors import InputError

from .services import create_contact


def register(root):
    @root.commands["add"].command("contact")
    @click.argument("name")
    @click.option("--company", default="", help="Company name (created when new).")
    @click.option("--role", default="", help="Role or title, e.g. 'Hiring manager'.")
    @click.option("--email", "emails", multiple=True, help="Email address; repeat for several (the first is primary).")
    @click.option("--phone", "phones", multiple=True, help="Phone number, optionally LABEL=NUMBER; repeatable.")
    @click.option("--social", "socials", multiple=True, help="NETWORK:HANDLE or NETWORK:URL; repeatable.")
    @click.option("--topic", "topics", multiple=True, help="Something personal to bring up; repeatable.")
    @click.option("--cadence", type=str, default=None, help="Keep in touch every N days.")
    @click.option("--how-met", default="", help="How you met.")
    @click.option("--notes", default="")
    def add_contact(name, company, role, emails, phones, socials, topics, cadence, how_met, notes):
        """Add a person you met, with every way to reach them.

        Example: keepwarm add contact 'Jane Doe' --company 'Sugar Glider Co.' --email jane@sugargliderco.com
        --phone mobile=+15555550123 --social facebook:jane.doe --topic 'breeds sugar gliders' --cadence 30
        """
        user = current_user()
        if cadence is not None and not cadence.isdigit():
            raise InputError("cadence", cadence, "expected a number of days")
        contact = create_contact(
            user, name, company=company, role=role, emails=emails, phones=phones, socials=socials, topics=topics,
            cadence_days=int(cadence) if cadence is not None else None, how_met=how_met, notes=notes,
            region=profile_of(user).phone_region,
        )
        click.echo(f"added contact {contact.id}: {contact.name}")
