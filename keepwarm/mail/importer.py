"""`keepwarm import mbox` and `keepwarm import eml`: the same Recorder as IMAP sync, fed from files.

1. Messages are read as a stream and handled in batches of BATCH, each batch in one transaction: an
   interrupted import keeps every finished batch, and the unfinished one is redone on the next run.
2. Before parsing a batch, its Message-IDs (found with one regex) are checked against earlier runs in one
   query, so a re-run skips what it has seen without parsing it.
3. Each batch also records how far through the file it got: run again on the unchanged file, the import
   starts there (a finished file is not read again at all; see progress.py).
4. A message is decided from its headers first; its body is read from the file only when they show it
   concerns someone known (most of a mailbox does not).
5. Malformed messages are recorded with their reason and counted; they never stop the import.
"""

import functools
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from keepwarm.lib.errors import InputError
from keepwarm.timeline.models import Origin

from .matching import Counts, Recorder, seen_message_ids
from .records import save_records
from .mbox import HEADER_LIMIT, read_entry, scan_mbox
from .models import Source
from .parse import quick_message_id
from .progress import Progress

BATCH = 500


def _flush(recorder: Recorder, entries: list, rescan: bool, load=lambda entry: entry, done=None) -> None:
    """Handle one batch. `entries` are raw messages, or (offset, length, headers) places in an mbox that
    `load` reads only for messages not seen before whose headers do not settle them. done(last Message-ID)
    runs in the batch's transaction once its records are written."""
    ids = [quick_message_id(entry[2] if isinstance(entry, tuple) else entry) for entry in entries]
    seen = set() if rescan else seen_message_ids(recorder.owner, ids)
    recorder.begin_batch(set(ids) - seen)
    with transaction.atomic():
        rows = []
        for entry, message_id in zip(entries, ids):
            if message_id in seen:
                recorder.counts.read += 1
                recorder.counts.skipped += 1
                continue
            seen.add(message_id)  # the same message twice in one file counts once
            if isinstance(entry, tuple) and len(entry[2]) < HEADER_LIMIT:  # its whole header block is at hand
                rows.append(recorder.process(entry[2], load=functools.partial(load, entry)))
            else:
                rows.append(recorder.process(load(entry)))
        if not recorder.dry_run:
            recorder.flush()
            save_records(rows)
            if done is not None:
                done(ids[-1])


def import_mbox(owner, path, *, dry_run=False, rescan=False, me=(), on_read=None, now=None) -> Counts:
    """Import one mbox file (e.g. Google Takeout's). `rescan` looks again at messages seen before (after adding
    contacts); touches are still never duplicated, thanks to their Message-ID."""
    path = Path(path)
    if not path.is_file():
        raise InputError("path", str(path), "no such file")
    recorder = Recorder(owner, source=Source.MBOX, origin=Origin.IMPORTED, now=now or timezone.now(),
                        extra_mine=me, dry_run=dry_run)
    # An unchanged file resumes where the last run stopped: what lies before was all recorded (skipped).
    progress = Progress(owner, path)
    start, before = (0, 0) if rescan else progress.resume_point()
    recorder.counts.read = recorder.counts.skipped = before
    if on_read and start:
        on_read(start)
    batch = []
    # Two handles: one streams through the file copying only headers, the other reads back the messages a
    # batch needs (from the page cache), so a re-run that has seen everything never copies a body.
    with path.open("rb") as fh, path.open("rb") as reader:
        def load(entry):
            return read_entry(reader, entry[0], entry[1])

        def flush(entries):
            end = entries[-1][0] + entries[-1][1]
            _flush(recorder, entries, rescan, load,
                   done=lambda last_id: progress.save(end, recorder.counts.read, last_id))

        for entry in scan_mbox(fh, on_read=on_read, start=start):
            batch.append(entry)
            if len(batch) >= BATCH:
                flush(batch)
                batch = []
        if batch:
            flush(batch)
    return recorder.counts


def import_eml(owner, paths, *, dry_run=False, rescan=False, me=(), now=None) -> Counts:
    """Import single-message .eml files, all in one transaction (every file is checked to exist first)."""
    files = [Path(p) for p in paths]
    for file in files:
        if not file.is_file():
            raise InputError("path", str(file), "no such file")
    recorder = Recorder(owner, source=Source.EML, origin=Origin.IMPORTED, now=now or timezone.now(),
                        extra_mine=me, dry_run=dry_run)
    with transaction.atomic():
        for start in range(0, len(files), BATCH):
            _flush(recorder, [file.read_bytes() for file in files[start:start + BATCH]], rescan)
    return recorder.counts
