"""The jobs of the threads a batch of messages answers, read in two queries for the whole batch.

Looking a reply's thread up message by message cost two queries per matched message (a fifth of an
import's time). The Recorder links a batch's touches to jobs at flush() instead, before it writes
anything, so these lookups see the database exactly as the per-message ones did.
"""

import dataclasses

from keepwarm.timeline.models import Interaction

from .models import ProcessedMessage

CHUNK = 900  # values per IN (...): well under every SQLite build's limit on query parameters


def _chunks(values):
    values = sorted(values)
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


def _latest(rows) -> dict:
    """key → the job of the latest row, rows being (key, job id, time, id): the first row the per-message
    query would have returned under its model's ordering (time, then id, both descending)."""
    best = {}
    for key, opportunity_id, at, pk in rows:
        if key not in best or (at, pk) > best[key][0]:
            best[key] = ((at, pk), opportunity_id)
    return best


@dataclasses.dataclass
class ThreadJobs:
    by_reference: dict  # Message-ID of a logged touch → ((happened_at, id), its job)
    by_thread: dict  # thread key of a processed message → ((processed_at, id), the job of its touch)

    def of_references(self, references):
        """The job of the latest logged touch among the Message-IDs a message answers, or None."""
        found = [self.by_reference[r] for r in references if r in self.by_reference]
        return max(found)[1] if found else None

    def of_thread(self, thread_key):
        found = self.by_thread.get(thread_key)
        return found[1] if found else None


def thread_jobs(owner, references, thread_keys) -> ThreadJobs:
    refs = [
        row for chunk in _chunks(set(references))
        for row in Interaction.objects.filter(owner=owner, external_id__in=chunk, opportunity__isnull=False)
        .values_list("external_id", "opportunity_id", "happened_at", "id")
    ]
    threads = [
        row for chunk in _chunks(set(thread_keys))
        for row in ProcessedMessage.objects.filter(owner=owner, thread_key__in=chunk,
                                                   interaction__opportunity__isnull=False)
        .values_list("thread_key", "interaction__opportunity_id", "processed_at", "id")
    ]
    return ThreadJobs(by_reference=_latest(refs), by_thread=_latest(threads))
