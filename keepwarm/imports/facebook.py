"""Facebook's "Download Your Information" export, JSON format (ZIP or folder): Messenger conversations →
social-message touches (network Facebook).

Quirks: every string is UTF-8 whose bytes were written as Latin-1 code points ("CafÃ©" for "Café");
times are `timestamp_ms`; a conversation is split over message_1.json, message_2.json, …; exports since
2024 nest messages under your_facebook_activity/; the user's own name is in every conversation.

Only conversations with people already in the job search are brought in by default — never the whole
inbox; `--conversation NAME` or `--all` choose others (their people become contacts).
"""

import datetime as dt
import hashlib
import json
import re

from keepwarm.lib.errors import InputError

from .bundle import Bundle
from .records import BadRecord, MessageRecord, PersonRef

FOLDERS = ("inbox", "archived_threads", "e2ee_cutover")
THREAD_FILE = re.compile(r"(?:^|/)messages/(" + "|".join(FOLDERS) + r")/([^/]+)/message_\d+\.json$")


def fix_text(value: str) -> str:
    """Undo Facebook's mojibake; text that was never mangled (or is not UTF-8 underneath) stays as it is."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def fix(node):
    if isinstance(node, str):
        return fix_text(node)
    if isinstance(node, list):
        return [fix(x) for x in node]
    if isinstance(node, dict):
        return {fix_text(k): fix(v) for k, v in node.items()}
    return node


class Thread:
    def __init__(self, path: str):
        self.path = path  # e.g. inbox/janedoe_1234567890: stable across exports
        self.title = ""
        self.participants: list[str] = []
        self.messages: list[dict] = []

    def others(self, me: str) -> list[str]:
        return [p for p in self.participants if p.lower() != me.lower()]


def load_threads(bundle: Bundle) -> list[Thread]:
    threads = {}
    for name in bundle.names():
        found = THREAD_FILE.search(name)
        if not found:
            continue
        key = f"{found.group(1)}/{found.group(2)}"
        try:
            data = fix(json.loads(bundle.read(name)))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError("file", name, f"not valid JSON ({type(exc).__name__})") from None
        if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
            raise InputError("messages", name, "not a Messenger conversation file (no list of messages)")
        participants = data.get("participants") or []
        if not isinstance(participants, list):
            raise InputError("participants", name, "expected a list of people")
        thread = threads.setdefault(key, Thread(key))
        thread.title = thread.title or (data["title"] if isinstance(data.get("title"), str) else "")
        for person in participants:
            person_name = person.get("name") if isinstance(person, dict) else None
            if isinstance(person_name, str) and person_name.strip() and person_name not in thread.participants:
                thread.participants.append(person_name.strip())
        for index, message in enumerate(data["messages"]):
            thread.messages.append(message if isinstance(message, dict) else BadMessage(name, index))
    if not threads:
        raise InputError("path", str(bundle.path), "no Messenger conversations (messages/inbox/*/message_1.json) "
                         "in this Facebook export; choose JSON, not HTML, when downloading")
    return sorted(threads.values(), key=lambda t: t.path)


class BadMessage(dict):
    def __init__(self, name, index):
        super().__init__(_bad=f"{name} message {index + 1}")


def find_me(bundle: Bundle, threads: list[Thread], given: str = "") -> str:
    if given:
        return given.strip()
    for candidate in ("profile_information.json",):
        name = bundle.find(candidate)
        if name:
            try:
                data = fix(json.loads(bundle.read(name)))
                full = data.get("profile_v2", data.get("profile", {})).get("name", {}).get("full_name", "")
            except (ValueError, AttributeError):
                full = ""
            if full:
                return full
    common = None
    for thread in threads:
        names = {p.lower() for p in thread.participants}
        common = names if common is None else common & names
    if common and len(common) == 1 and len(threads) > 1:
        lowered = common.pop()
        return next(p for t in threads for p in t.participants if p.lower() == lowered)
    raise InputError("me", "", "cannot tell which participant is you: pass --me 'Your Name'")


def select(threads, me: str, *, known_names: set, chosen=(), everything=False):
    """[(thread, user_chose_it)]: the default is only conversations with someone already in the search."""
    picked, wanted = [], {c.strip().lower() for c in chosen}
    matched = set()
    for thread in threads:
        names = {thread.title.lower(), *(p.lower() for p in thread.others(me))}
        hits = names & wanted
        matched |= hits
        if everything or hits:
            picked.append((thread, True))
        elif any(p.lower() in known_names for p in thread.others(me)):
            picked.append((thread, False))
    missing = wanted - matched
    if missing:
        raise InputError("conversation", sorted(missing)[0], "no conversation with this title or person")
    return picked


def records(picked, me: str):
    for thread, chosen in picked:
        for number, message in enumerate(sorted(thread.messages, key=_ms), start=1):
            ref = f"message {number} in {thread.path}"
            if "_bad" in message:
                yield BadRecord(ref, InputError("message", message["_bad"], "not a message object", ref))
                continue
            try:
                yield _record(thread, message, me, ref, chosen)
            except InputError as exc:
                yield BadRecord(ref, exc)


def _ms(message) -> int:
    value = message.get("timestamp_ms") if isinstance(message, dict) else None
    return value if isinstance(value, int) else 0


def _record(thread, message, me, ref, chosen) -> MessageRecord | None:
    stamp = message.get("timestamp_ms")
    if not isinstance(stamp, int) or not 0 < stamp < 32503680000000:
        raise InputError("timestamp_ms", stamp, "missing or not a time in milliseconds", ref)
    sender = str(message.get("sender_name") or "").strip()
    if not sender:
        raise InputError("sender_name", "", "missing", ref)
    outgoing = sender.lower() == me.lower()
    people = [PersonRef(p, "", "facebook") for p in thread.others(me)] if outgoing else \
        [PersonRef(sender, "", "facebook")]
    body = str(message.get("content") or "").strip() or _attachment(message)
    digest = hashlib.sha256(f"{thread.path}|{stamp}|{sender}".encode()).hexdigest()[:24]
    return MessageRecord(
        ref=ref, external_id=f"facebook:{digest}", network="facebook", direction="out" if outgoing else "in",
        happened_at=dt.datetime.fromtimestamp(stamp / 1000, tz=dt.timezone.utc), people=people, body=body,
        summary=body.split("\n", 1)[0][:120], create_people=chosen,
    )


def _attachment(message: dict) -> str:
    for key, label in (("photos", "[photo]"), ("videos", "[video]"), ("audio_files", "[voice message]"),
                       ("files", "[file]"), ("sticker", "[sticker]"), ("gifs", "[GIF]"), ("share", "[link]")):
        if message.get(key):
            return label
    if message.get("call_duration") is not None:
        return "[call]"
    return "[message]"


def parse(bundle: Bundle, *, known_names: set, me="", chosen=(), everything=False):
    threads = load_threads(bundle)
    me = find_me(bundle, threads, me)
    return list(records(select(threads, me, known_names=known_names, chosen=chosen, everything=everything), me))


def list_conversations(bundle: Bundle, me=""):
    threads = load_threads(bundle)
    me = find_me(bundle, threads, me)
    return [(t.title or ", ".join(t.others(me)), len(t.messages), t.others(me)) for t in threads]
