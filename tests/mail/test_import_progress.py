"""A re-run of `keepwarm import mbox` on an unchanged file starts where the last run stopped; any change it
can see, or records gone, make it read the file from the start."""

import os

import pytest

from keepwarm.mail import importer
from keepwarm.mail.importer import BATCH, import_mbox
from keepwarm.mail.models import ImportedFile, ProcessedMessage
from keepwarm.mail.progress import FileState, resume_point
from keepwarm.timeline.models import Interaction

from .conftest import make_message
from .test_import import takeout, write_mbox


@pytest.fixture
def scanned(monkeypatch):
    """How many mbox entries each import read from the file."""
    counts = []
    real = importer.scan_mbox

    def counting(fh, **kw):
        counts.append(0)
        for entry in real(fh, **kw):
            counts[-1] += 1
            yield entry

    monkeypatch.setattr(importer, "scan_mbox", counting)
    return counts


@pytest.mark.django_db
def test_a_finished_file_is_not_read_again(owner, story, tmp_path, scanned):
    path = write_mbox(tmp_path / "takeout.mbox", takeout())
    import_mbox(owner, path)
    again = import_mbox(owner, path)
    assert again.line() == "read 10, matched 0, new 0, suggested 0, ignored 0, skipped 10, errors 0"
    assert scanned == [10, 0]
    record = ImportedFile.objects.get(owner=owner)
    assert (record.offset, record.messages) == (os.path.getsize(path), 10)


@pytest.mark.django_db
def test_a_file_that_grew_or_changed_is_read_from_the_start(owner, story, tmp_path, scanned):
    path = write_mbox(tmp_path / "takeout.mbox", takeout())
    import_mbox(owner, path)
    with open(path, "ab") as fh:  # new mail appended
        fh.write(b"From MAILER-DAEMON Fri Nov 20 15:00:00 2026\n")
        fh.write(make_message("jane@sugargliderco.com", "amy@gmail.com", "More", message_id="<more@s>")
                 .replace(b"\r\n", b"\n") + b"\n")
    counts = import_mbox(owner, path)
    assert (counts.read, counts.skipped, counts.new) == (11, 10, 1) and scanned[-1] == 11
    # The same size and time, other bytes (a subject edited in place): read again too.
    stat = os.stat(path)
    data = open(path, "rb").read()
    path.write_bytes(data.replace(b"Interview Friday", b"Interview Monday", 1))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    import_mbox(owner, path)
    assert scanned[-1] == 11


@pytest.mark.django_db
def test_an_interrupted_import_resumes_at_its_last_finished_batch(owner, story, tmp_path, monkeypatch, scanned):
    from keepwarm.mail import matching

    messages = [make_message("jane@sugargliderco.com", "amy@gmail.com", f"Note {i}", message_id=f"<n{i}@s>")
                for i in range(BATCH + 100)]
    path = write_mbox(tmp_path / "big.mbox", messages)
    real = matching.Recorder.process

    def crashing(self, raw, **kw):
        if Interaction.objects.count() == BATCH and self.counts.read == BATCH + 50:
            raise KeyboardInterrupt
        return real(self, raw, **kw)

    monkeypatch.setattr(matching.Recorder, "process", crashing)
    with pytest.raises(KeyboardInterrupt):
        import_mbox(owner, path)
    assert ImportedFile.objects.get(owner=owner).messages == BATCH  # the broken batch's progress rolled back
    monkeypatch.setattr(matching.Recorder, "process", real)
    counts = import_mbox(owner, path)
    assert (counts.read, counts.skipped, counts.new) == (BATCH + 100, BATCH, 100)
    assert scanned[-1] == 100  # the finished batch was not read again
    assert Interaction.objects.count() == ProcessedMessage.objects.count() == BATCH + 100


@pytest.mark.django_db
def test_records_gone_or_a_dry_run_mean_reading_it_all(owner, story, tmp_path, scanned):
    path = write_mbox(tmp_path / "takeout.mbox", takeout())
    import_mbox(owner, path, dry_run=True)
    assert not ImportedFile.objects.exists()  # a dry run writes nothing, progress included
    import_mbox(owner, path)
    ProcessedMessage.objects.filter(owner=owner).delete()
    counts = import_mbox(owner, path)
    assert (counts.read, counts.skipped, counts.ignored) == (10, 0, 6) and scanned[-1] == 10


@pytest.mark.django_db
def test_progress_is_per_user(owner, outsider, story, tmp_path, scanned):
    path = write_mbox(tmp_path / "takeout.mbox", takeout())
    import_mbox(owner, path)
    assert import_mbox(outsider, path).skipped == 0 and scanned[-1] == 10


STATE = FileState("/x.mbox", size=1000, mtime_ns=5, fingerprint="f")


class Record:
    def __init__(self, **kw):
        self.size, self.mtime_ns, self.fingerprint, self.offset, self.messages = 1000, 5, "f", 600, 7
        self.__dict__.update(kw)


@pytest.mark.parametrize("record, recorded, starts_message, expected", [
    (Record(), True, True, (600, 7)),
    (Record(offset=1000), True, False, (1000, 7)),  # finished: nothing left to read
    (None, True, True, (0, 0)),
    (Record(), False, True, (0, 0)),  # its last message is not recorded any more
    (Record(), True, False, (0, 0)),  # the offset is not where a message starts
    (Record(size=999), True, True, (0, 0)),
    (Record(mtime_ns=6), True, True, (0, 0)),
    (Record(fingerprint="g"), True, True, (0, 0)),
    (Record(offset=1001), True, True, (0, 0)),
    (Record(offset=0), True, True, (0, 0)),
])
def test_resume_point(record, recorded, starts_message, expected):
    assert resume_point(record, STATE, recorded, starts_message) == expected
