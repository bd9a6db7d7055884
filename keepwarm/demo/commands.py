"""`keepwarm demo`: the seed story and enough variety to show every stage and every rule."""

import click
from django.contrib.auth import get_user_model

from .services import DEMO_USER, get_or_create_demo_user, load_demo


def register(root):
    @root.command("demo")
    @click.option("--password", default=None, help="Set a password so `demo` can sign in to the web app.")
    def demo(password):
        """Load the demo data set for the user `demo` (created when missing). Safe to run twice.

        The seed story: a Craigslist ad from an exotic sugar-glider breeder, an interview that went exceptionally
        well, the top three, a final interview, then hiring put off — and a friendship with the manager kept warm.

        Example: keepwarm demo && keepwarm today
        """
        user, created = get_or_create_demo_user()
        if password:
            user.set_password(password)
            user.save(update_fields=["password"])
        added = load_demo(user)
        if created:
            click.echo(f"created user {DEMO_USER}" + ("" if password else " (to sign in on the web: --password)"))
        if any(added.values()):
            click.echo("loaded the demo: " + ", ".join(f"{n} {kind}" for kind, n in added.items()))
        else:
            click.echo("the demo is already loaded; nothing added")
        if get_user_model().objects.count() == 1:
            click.echo("Next: keepwarm today")
        else:
            click.echo(f"There are several users: add --user {DEMO_USER}, e.g. keepwarm --user {DEMO_USER} today")
