"""The HTML of Today's items, built in Python (as board_cards.py builds the board's cards).

An item is its kind, whom and what job it concerns, its reason and topics, and its actions (log it, write,
done, snooze, dismiss). Through the template engine, the 45 items of a busy Today cost ~12 ms of CPU, the
largest part of the page; string formatting with html.escape does the same in well under 1 ms. The three
actions share one form (each button names its URL with formaction / hx-post), so one CSRF field per item.
tests/web/test_today_items.py checks the escaping and that every action is there.
"""

from html import escape

from django.utils.safestring import SafeString, mark_safe

from .links import maker


class ItemRenderer:
    """Renders Today's items for one request: URLs, CSRF field and snooze choices are made once."""

    def __init__(self, csrf_token: str, log_url: str, snooze_presets):
        self.done, self.snooze, self.dismiss = (maker(f"web:followup-{a}") for a in ("done", "snooze", "dismiss"))
        self.write = maker("mail:compose-followup")
        self.contact_url, self.job_url = maker("web:contact"), maker("web:opportunity")
        self.log_url = escape(log_url)
        self.csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'
        self.options = "".join(f'<option value="{escape(str(days))}">{escape(label)}</option>'
                               for days, label in snooze_presets)

    def item(self, it) -> str:
        who = f' · <a href="{self.contact_url(it.contact_id)}">{escape(it.contact)}</a>' if it.contact_id else ""
        job = (f' · <a href="{self.job_url(it.opportunity_id)}">{escape(it.opportunity)}</a>'
               if it.opportunity_id else "")
        snoozed = " (snoozed)" if it.state == "snoozed" else ""
        topics = (f'<p class="tags small" aria-label="Topics to bring up">'
                  f'{"".join(f"<span>{escape(str(t))}</span>" for t in it.topics)}</p>' if it.topics else "")
        write = (f'<a role="button" class="secondary outline" href="{self.write(it.id)}">Write</a>'
                 if it.contact_id else "")
        done, snooze, dismiss = self.done(it.id), self.snooze(it.id), self.dismiss(it.id)
        return (
            f'<article class="followup" id="followup-{it.id}">'
            f'<header><strong>{escape(it.kind_label)}</strong>{who}{job}'
            f'<span class="muted small"> · due {it.due:%a} {it.due.day} {it.due:%b}{snoozed}</span></header>'
            f'<p class="reason">{escape(it.reason)}</p>{topics}'
            f'<footer class="actions">'
            f'<a role="button" href="{self.log_url}?followup={it.id}">Log it</a>{write}'
            f'<form method="post" action="{done}" hx-target="#followup-{it.id}" hx-swap="outerHTML">{self.csrf}'
            f'<button type="submit" class="secondary" hx-post="{done}">Done</button>'
            f'<select name="days" aria-label="Snooze for">{self.options}</select>'
            f'<button type="submit" class="secondary outline" formaction="{snooze}" hx-post="{snooze}">Snooze</button>'
            f'<button type="submit" class="contrast outline" formaction="{dismiss}" hx-post="{dismiss}">Dismiss'
            f'</button></form></footer></article>'
        )

    def items(self, items) -> SafeString:
        return mark_safe("".join(self.item(it) for it in items))
