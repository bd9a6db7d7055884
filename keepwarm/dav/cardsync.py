"""Push keepwarm's contacts to a CardDAV address book, touching only the cards keepwarm made."""

from __future__ import annotations

import dataclasses
import logging

from keepwarm.accounts.services import profile_of
from keepwarm.people.models import Contact

from .cards import gather_cards
from .carddav import CardDavClient, DavError, PreconditionFailed
from .merge import merge_server_card
from .models import CardState
from .vcard import card_hash, kept_properties, to_vcard

log = logging.getLogger("keepwarm.dav")


@dataclasses.dataclass(frozen=True)
class Known:
    """What keepwarm remembers about one of its cards."""

    href: str
    etag: str
    pushed_hash: str


def plan_cards(desired: dict[int, str], known: dict[int, Known], remote: dict[str, str]) -> list[tuple[str, int]]:
    """Pure: what to do for each contact id, given the wanted card hashes, the sync state and the server's ETags.

    1. Wanted, never pushed (or gone from the server): create.
    2. The server's ETag differs from the one keepwarm stored: someone edited the card → merge.
    3. The card's content changed in keepwarm: update.
    4. Pushed once but no longer wanted (contact deleted or out of the selection): delete.
    Cards that keepwarm has no state for are never in the plan: other people's cards stay untouched.
    """
    plan = []
    for cid, wanted in desired.items():
        state = known.get(cid)
        if state is None or state.href not in remote:
            plan.append(("create", cid))
        elif remote[state.href] != state.etag:
            plan.append(("merge", cid))
        elif wanted != state.pushed_hash:
            plan.append(("update", cid))
    plan += [("delete", cid) for cid in known if cid not in desired]
    return plan


@dataclasses.dataclass
class CardReport:
    created: int = 0
    updated: int = 0
    merged: int = 0
    deleted: int = 0
    unchanged: int = 0
    errors: list[str] = dataclasses.field(default_factory=list)

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.merged + self.deleted

    def __str__(self):
        text = (f"{self.created} created, {self.updated} updated, {self.merged} merged, {self.deleted} deleted, "
                f"{self.unchanged} unchanged")
        return text + (f"; {len(self.errors)} errors: {self.errors[0]}" if self.errors else "")


class AddressBookPush:
    def __init__(self, account, client: CardDavClient):
        self.account = account
        self.client = client
        self.owner = account.owner
        self.region = profile_of(self.owner).phone_region
        self.report = CardReport()

    def text_for(self, card, kept: str) -> str:
        return to_vcard(card, name_context=self.account.name_context, kept=kept)

    def run(self) -> CardReport:
        cards = {c.contact_id: c for c in gather_cards(self.owner, linked_only=self.account.linked_only)}
        states = {s.contact_id: s for s in CardState.objects.filter(account=self.account)}
        texts = {cid: self.text_for(card, states[cid].kept if cid in states else "") for cid, card in cards.items()}
        desired = {cid: card_hash(text) for cid, text in texts.items()}
        known = {cid: Known(s.href, s.etag, s.pushed_hash) for cid, s in states.items()}
        remote = self.client.etags()
        plan = plan_cards(desired, known, remote)
        self.report.unchanged = len(desired) - sum(1 for op, _ in plan if op != "delete")
        for op, cid in plan:
            try:
                if op == "create":
                    self.create(cards[cid], texts[cid], states.get(cid))
                elif op == "update":
                    self.update(cards[cid], texts[cid], states[cid])
                elif op == "merge":
                    self.merge(cid, states[cid])
                else:
                    self.delete(states[cid])
            except PreconditionFailed as exc:  # changed again between our GET and PUT: next run will see it
                self.report.errors.append(str(exc))
            except DavError as exc:
                self.report.errors.append(str(exc))
                if exc.fatal:
                    raise  # unreachable, refused or broken: stop, and try again at the next run
        return self.report

    def save_state(self, state, card, text, etag, href, kept=None):
        state = state or CardState(owner=self.owner, account=self.account, contact_id=card.contact_id)
        state.uid, state.href, state.etag, state.pushed_hash = card.uid, href, etag, card_hash(text)
        if kept is not None:
            state.kept = kept
        state.save()

    def create(self, card, text, state):
        href = self.client.href_for(card.uid)
        try:
            etag = self.client.create(href, text)
        except PreconditionFailed:
            # A card with keepwarm's UID is there already (state lost, or a crash after the PUT): it is ours,
            # so look at it and merge rather than overwrite.
            self.save_state(state, card, text, "", href)
            self.merge(card.contact_id, CardState.objects.get(account=self.account, contact_id=card.contact_id))
            return
        self.save_state(state, card, text, etag, href)
        self.report.created += 1

    def update(self, card, text, state):
        try:
            etag = self.client.update(state.href, text, state.etag)
        except PreconditionFailed:
            self.merge(card.contact_id, state)  # edited on the phone since our last push
            return
        self.save_state(state, card, text, etag, state.href)
        self.report.updated += 1

    def merge(self, cid, state):
        """1. Read the server's card. 2. Add its new phones and emails to the contact. 3. Keep its unmanaged
        properties (photo, birthday). 4. Push the rebuilt card with If-Match on the ETag just read."""
        server_text, etag = self.client.get(state.href)
        contact = Contact.objects.get(owner=self.owner, id=cid)
        merge_server_card(contact, server_text, self.region)
        kept = kept_properties(server_text)
        card = gather_cards(self.owner, contact_ids=[cid])[0]
        text = self.text_for(card, kept)
        new_etag = self.client.update(state.href, text, etag)
        self.save_state(state, card, text, new_etag, state.href, kept=kept)
        self.report.merged += 1

    def delete(self, state):
        try:
            self.client.delete(state.href, state.etag)
        except PreconditionFailed:
            _, etag = self.client.get(state.href)  # edited on the phone, but the contact is gone from keepwarm
            self.client.delete(state.href, etag)
        state.delete()
        self.report.deleted += 1


def push_addressbook(account, *, transport=None) -> CardReport:
    with CardDavClient(account.url, account.username, account.password, transport=transport) as client:
        return AddressBookPush(account, client).run()
