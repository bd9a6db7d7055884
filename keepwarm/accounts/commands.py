"""`keepwarm user create|list`."""

import click
from django.contrib.auth import get_user_model

from keepwarm.cli import KeepwarmGroup

from .services import create_user, profile_of


def register(root):
    @root.group(cls=KeepwarmGroup)
    def user():
        """Create and list users.

        Example: keepwarm user create jane
        """

    @user.command("create")
    @click.argument("name")
    @click.option("--password", help="Password for signing in to the web app (prompted when omitted).")
    @click.option("--no-password", is_flag=True, help="Create the user without a web password.")
    @click.option("--email", default="")
    @click.option("--time-zone", default="UTC", show_default=True, help="IANA zone, e.g. America/Chicago.")
    def create(name, password, no_password, email, time_zone):
        """Create a user.

        Example: keepwarm user create jane --time-zone America/Chicago --no-password
        """
        if not password and not no_password:
            password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        u = create_user(name, password=password or None, email=email, time_zone=time_zone)
        click.echo(f"created user {u.username}")

    @user.command("list")
    def list_():
        """List users.

        Example: keepwarm user list
        """
        for u in get_user_model().objects.order_by("username"):
            click.echo(f"{u.username}\t{profile_of(u).time_zone}")
