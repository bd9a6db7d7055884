"""The `keepwarm` console script: a thin click layer over the apps' Python API.

Each app may ship a `commands` module with `register(root)`; it is discovered from
settings.KEEPWARM_APPS, so adding commands never means editing this file.
"""

import os
import sys
from importlib import import_module
from importlib.util import find_spec

import click

from keepwarm.lib.errors import InputError


class BadInput(click.ClickException):
    """Exit status 2 with one line naming the field and value (see lib.errors.InputError)."""

    exit_code = 2


class KeepwarmGroup(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except InputError as exc:
            raise BadInput(str(exc)) from None


@click.group(cls=KeepwarmGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--user", "username", envvar="KEEPWARM_USER", help="Act as this user (needed when there are several).")
@click.version_option(package_name="keepwarm")
@click.pass_context
def root(ctx, username):
    """keepwarm: remember every lead, keep every contact warm.

    Example: keepwarm today
    """
    ctx.ensure_object(dict)
    ctx.obj["username"] = username


@root.command()
@click.option("--rounds", default=20, show_default=True, help="At most this many passes while there is work.")
def sync(rounds):
    """Run the background steps once: mail sync, address-book and calendar push, due digests.

    Example: keepwarm sync
    """
    from keepwarm.worker import all_steps, run_once

    steps = all_steps()
    for _ in range(rounds):
        if not run_once(steps):
            break
    click.echo("sync done")


@root.command()
@click.option("--idle", default=30.0, show_default=True, help="Seconds to sleep when there is no work.")
def worker(idle):
    """Run the background loop until stopped (several may run against one PostgreSQL).

    Example: keepwarm worker --idle 10
    """
    from keepwarm.worker import run_forever

    run_forever(idle)


def _group(name, help_text):
    @root.group(name=name, cls=KeepwarmGroup, help=help_text)
    def group():
        pass

    return group


add_group = _group("add", "Add a contact, a job or an interview.\n\nExample: keepwarm add contact 'Jane Doe' --company 'Sugar Glider Co.'")
import_group = _group("import", "Bring data in from a file.\n\nExample: keepwarm import json backup.json")
export_group = _group("export", "Write your data out to a file.\n\nExample: keepwarm export json -o backup.json")


_discovered = False


def _discover_once():
    """Register every app's commands (idempotent: tests call it once per test)."""
    global _discovered
    if not _discovered:
        _discover()
        _discovered = True


def _discover():
    from django.conf import settings

    for app in settings.KEEPWARM_APPS:
        module = f"{app}.commands"
        if find_spec(module) is not None:
            import_module(module).register(root)


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "keepwarm.settings")
    import django

    django.setup()
    args = sys.argv[1:] if argv is None else list(argv)
    if args and not set(args) & {"-h", "--help", "--version"}:
        from keepwarm.lib.schema import announce_on_stderr, ensure_current

        ensure_current(announce_on_stderr)  # a fresh data dir, or one from before an upgrade
    _discover_once()
    return root.main(args=args, prog_name="keepwarm")


if __name__ == "__main__":
    sys.exit(main())
