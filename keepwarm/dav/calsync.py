"""Push interviews and open follow-ups to a CalDAV calendar the user names (the `caldav` library).

keepwarm owns the events it made (EventState rows): they move when an interview moves, disappear when it is
cancelled or deleted or a follow-up is closed; other events in that calendar are never read or touched.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlparse

from .carddav import DavError
from .events import gather_items
from .ics import item_hash, to_ics
from .models import EventState


def plan_events(desired: dict[str, str], known: dict[str, str]) -> list[tuple[str, str]]:
    """Pure: {key: hash} wanted vs {key: hash} pushed → [(op, key)] with op create, update or delete."""
    plan = [("create" if key not in known else "update", key) for key, h in desired.items() if known.get(key) != h]
    plan += [("delete", key) for key in known if key not in desired]
    return plan


@dataclasses.dataclass
class EventReport:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    errors: list[str] = dataclasses.field(default_factory=list)

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted

    def __str__(self):
        text = f"{self.created} created, {self.updated} updated, {self.deleted} deleted, {self.unchanged} unchanged"
        return text + (f"; {len(self.errors)} errors: {self.errors[0]}" if self.errors else "")


def open_calendar(account):
    """The calendar named account.calendar_name on the account's server, made when missing."""
    import caldav
    from caldav.lib import error

    try:
        client = caldav.DAVClient(url=account.url, username=account.username or None,
                                  password=account.password or None, timeout=20, enable_rfc6764=False)
        if account.calendar_url:
            return client.calendar(url=account.calendar_url)
        principal = client.principal()
        name = account.calendar_name or "keepwarm"
        found = next((c for c in principal.calendars() if (c.get_display_name() or "") == name), None)
        calendar = found or principal.make_calendar(name=name)
        account.calendar_url = str(calendar.url)
        type(account).objects.filter(id=account.id).update(calendar_url=account.calendar_url)
        return calendar
    except (error.DAVError, OSError, ValueError) as exc:
        raise DavError(f"calendar {account.calendar_name!r} on {account.url}: {exc}", fatal=True) from None


def push_calendar(account, now) -> EventReport:
    from caldav.lib import error

    calendar = open_calendar(account)
    items = {item.key: item for item in gather_items(account.owner, now)}
    desired = {key: item_hash(item) for key, item in items.items()}
    states = {s.key: s for s in EventState.objects.filter(account=account)}
    report = EventReport()
    plan = plan_events(desired, {k: s.pushed_hash for k, s in states.items()})
    report.unchanged = len(desired) - sum(1 for op, _ in plan if op != "delete")
    for op, key in plan:
        try:
            if op == "delete":
                state = states[key]
                try:
                    calendar.event_by_url(state.href).delete()
                except error.NotFoundError:
                    pass  # already removed in the calendar app: nothing left to do
                except error.DAVError as exc:
                    if "404" not in str(exc):
                        raise
                state.delete()
                report.deleted += 1
                continue
            item = items[key]
            # A PUT to the same resource (named from the UID) replaces the event: a moved interview moves.
            event = calendar.add_event(to_ics([item]))
            EventState.objects.update_or_create(
                account=account, key=key,
                defaults={"owner": account.owner, "uid": item.uid, "href": urlparse(str(event.url)).path,
                          "pushed_hash": desired[key]},
            )
            if op == "create":
                report.created += 1
            else:
                report.updated += 1
        except (error.DAVError, OSError) as exc:
            report.errors.append(f"{op} {key}: {exc}")
    return report
