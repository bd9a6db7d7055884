"""The sections of an archive and the contexts they share.

An archive is one JSON object: {"format": "keepwarm", "version": 1, "user": {...}, "<section>": [...], ...}.
Each section is one `Section` (name, export, validate, write). The foundation's sections (companies, contacts,
opportunities, interactions, followups) are built in; another app adds its own by shipping an `archive.py`
module with `SECTIONS = [Section(...)]` (discovered from settings.KEEPWARM_APPS, like commands.py). Sections run
in order, so a later one can refer to an earlier one's records by their keys (ctx.keys on export,
ctx.resolve on import). A section missing from a file is simply skipped on import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec
from typing import Callable

from keepwarm.lib.errors import InputError


@dataclass
class ExportContext:
    user: object
    # section name -> {row id: natural key}, filled by each section as it exports.
    keys: dict[str, dict[int, str]] = field(default_factory=dict)


@dataclass
class ImportContext:
    user: object
    # section name -> {natural key: id} of the rows the user already has (filled by validate).
    existing: dict[str, dict[str, int]] = field(default_factory=dict)
    # section name -> keys of the records in the file (filled by validate, so later sections can check refs).
    file_keys: dict[str, set[str]] = field(default_factory=dict)
    # section name -> {natural key: id} after writing: existing rows and the ones just created.
    ids: dict[str, dict[str, int]] = field(default_factory=dict)

    def check_ref(self, section: str, key, field_name: str, record: str, *, null: bool = True):
        """Validate a reference to another section's record: in this file or already in the database."""
        if key is None and null:
            return None
        if not isinstance(key, str) or (key not in self.file_keys.get(section, ()) and
                                        key not in self.existing.get(section, {})):
            raise InputError(field_name, key, f"refers to no record in {section}", record)
        return key

    def resolve(self, section: str, key: str | None) -> int | None:
        return None if key is None else self.ids[section][key]


@dataclass(frozen=True)
class Section:
    name: str
    export: Callable[[ExportContext], list]
    validate: Callable[[list, ImportContext], list]  # -> cleaned records; raises InputError, writes nothing
    write: Callable[[list, ImportContext], tuple[int, int]]  # -> (created, already there)


def unique_keys(bases: list[str]) -> list[str]:
    """Natural keys made unique in order: a repeated base gets "#2", "#3", … (stable across a round trip,
    since rows are exported and re-created in the same order)."""
    seen: dict[str, int] = {}
    out = []
    for base in bases:
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}#{seen[base]}")
    return out


def sections() -> list[Section]:
    from .sections import FOUNDATION

    from django.conf import settings

    found = list(FOUNDATION)
    for app in settings.KEEPWARM_APPS:
        if app == "keepwarm.archive":
            continue
        module = f"{app}.archive"
        if find_spec(app) is not None and find_spec(module) is not None:
            found.extend(import_module(module).SECTIONS)
    return found
