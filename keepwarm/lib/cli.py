"""Helpers shared by the apps' click commands: who the user is, output, and options used by several commands."""

import json

import click
from django.contrib.auth import get_user_model

from keepwarm.lib.errors import InputError


def current_user(ctx: click.Context | None = None):
    """The user the CLI acts as: --user NAME, else the only user there is."""
    ctx = ctx or click.get_current_context()
    name = (ctx.find_root().obj or {}).get("username")
    User = get_user_model()
    if name:
        user = User.objects.filter(username=name).first()
        if user is None:
            raise InputError("user", name, "no such user (see `keepwarm user list`)")
        return user
    users = list(User.objects.order_by("id")[:2])
    if not users:
        raise InputError("user", "", "no user yet: run `keepwarm user create NAME` or `keepwarm demo`")
    if len(users) > 1:
        raise InputError("user", "", "there are several users: pass --user NAME")
    return users[0]


def echo_json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def output_option(func):
    return click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
                        help="File to write (default: standard output).")(func)
