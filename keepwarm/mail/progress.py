"""Where an mbox import of a file can resume: its recorded progress, if the file is still the one recorded.

Every message an import handles is recorded (ProcessedMessage), so a re-run skips them all anyway; but to
skip them it had to read the whole file again, and that reading was most of a re-run's time. The progress
of each file is saved with each batch, in the batch's transaction, so it never runs ahead of the records.

The file counts as unchanged when its size, modification time and first and last 64 KB are the same (the
quick check rsync makes); `--rescan` always reads the whole file.
"""

import dataclasses
import hashlib
import os
from pathlib import Path

from django.utils import timezone

from .models import ImportedFile, ProcessedMessage

SAMPLE = 64 * 1024


@dataclasses.dataclass(frozen=True)
class FileState:
    path: str
    size: int
    mtime_ns: int
    fingerprint: str


def file_state(path: Path) -> FileState:
    resolved = path.resolve()
    st = os.stat(resolved)
    digest = hashlib.sha256()
    with open(resolved, "rb") as fh:
        digest.update(fh.read(SAMPLE))
        if st.st_size > SAMPLE:
            fh.seek(max(SAMPLE, st.st_size - SAMPLE))
            digest.update(fh.read(SAMPLE))
    return FileState(str(resolved), st.st_size, st.st_mtime_ns, digest.hexdigest())


def resume_point(record, state: FileState, recorded: bool, starts_message: bool) -> tuple[int, int]:
    """(byte offset, messages before it) to start at: the recorded progress when the record is for this very
    file, its last message is still recorded and the offset is the start of a message (or the end); else
    the start of the file."""
    if record is None or not recorded:
        return 0, 0
    same = (record.size, record.mtime_ns, record.fingerprint) == (state.size, state.mtime_ns, state.fingerprint)
    if not same or not 0 < record.offset <= state.size:
        return 0, 0
    if record.offset < state.size and not starts_message:
        return 0, 0
    return record.offset, record.messages


class Progress:
    """The progress record of one file for one user: read once before the import, saved after each batch."""

    def __init__(self, owner, path: Path):
        self.owner, self.state = owner, file_state(path)
        self.record = ImportedFile.objects.filter(owner=owner, path=self.state.path).first()

    def resume_point(self) -> tuple[int, int]:
        record = self.record
        if record is None:
            return 0, 0
        recorded = bool(record.last_message_id) and ProcessedMessage.objects.filter(
            owner=self.owner, account__isnull=True, message_id=record.last_message_id).exists()
        starts_message = False
        if 0 < record.offset < self.state.size:
            with open(self.state.path, "rb") as fh:
                fh.seek(record.offset)
                starts_message = fh.read(5) == b"From "
        return resume_point(record, self.state, recorded, starts_message)

    def save(self, offset: int, messages: int, last_message_id: str) -> None:
        """Call inside the batch's transaction, after its records are written."""
        ImportedFile.objects.update_or_create(
            owner=self.owner, path=self.state.path,
            defaults=dict(size=self.state.size, mtime_ns=self.state.mtime_ns, fingerprint=self.state.fingerprint,
                          offset=offset, messages=messages, last_message_id=last_message_id[:500],
                          updated_at=timezone.now()))
