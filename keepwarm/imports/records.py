"""What every importer produces: plain records, validated and written by the one shared writer (writer.py).

A parser that finds one bad row does not stop: it yields a BadRecord, so the writer can either fail the
whole import (the default) or skip that row when the user asked for --skip-bad.
"""

import dataclasses
import datetime as dt

from keepwarm.lib.errors import InputError


@dataclasses.dataclass
class ContactRecord:
    ref: str  # "row 4", "card 2 (Jane Doe)": named in every message about it
    name: str
    emails: list = dataclasses.field(default_factory=list)
    phones: list = dataclasses.field(default_factory=list)  # [(label, raw number)]
    socials: list = dataclasses.field(default_factory=list)  # [(network, handle, url)]
    company: str = ""
    role: str = ""
    notes: str = ""
    how_met: str = ""
    kind = "contact"


@dataclasses.dataclass
class PersonRef:
    """Someone in a message, matched to a contact by profile URL or exact name."""

    name: str
    profile_url: str = ""
    network: str = ""


@dataclasses.dataclass
class JobRecord:
    ref: str
    title: str
    company: str = ""
    stage: str = "saved"
    applied_on: dt.date | None = None
    url: str = ""
    location: str = ""
    salary: str = ""
    notes: str = ""
    source: str = ""
    contact: ContactRecord | None = None
    kind = "job"


@dataclasses.dataclass
class MessageRecord:
    ref: str
    external_id: str
    network: str
    direction: str
    happened_at: dt.datetime
    people: list  # [PersonRef]: the other side of the conversation
    body: str = ""
    summary: str = ""
    create_people: bool = False  # the user chose this conversation: unknown people become contacts
    kind = "message"


@dataclasses.dataclass
class BadRecord:
    ref: str
    error: InputError
    kind = "bad"
