"""What the batched import must keep: replies find their thread's job, and mail ignored from its headers is
never read from the file but recorded as if it had been."""

import pytest

from keepwarm.mail import importer
from keepwarm.mail.importer import import_eml, import_mbox
from keepwarm.mail.models import ProcessedMessage
from keepwarm.mail.parse import quick_message_id
from keepwarm.timeline.models import Interaction

from .conftest import make_message
from .test_import import write_mbox

BOB = "bob@acmestaffing.com"  # a contact on no job, at a company with none: only a thread can link his mail


def job_of(message_id):
    return Interaction.objects.get(external_id=message_id).opportunity


@pytest.mark.django_db
def test_replies_take_the_job_of_their_thread(owner, story, tmp_path):
    from keepwarm.jobs.services import create_opportunity

    other = create_opportunity(owner, "Kennel lead", company="Elsewhere Inc.", stage="applied")
    first = [
        make_message("jane@sugargliderco.com", "amy@mail.example", "Interview", message_id="<j1@x>",
                     headers={"X-GM-THRID": "77"}),
        make_message("amy@mail.example", BOB, "Old thread", message_id="<o1@x>"),
    ]
    write_mbox(tmp_path / "first.mbox", first)
    import_mbox(owner, tmp_path / "first.mbox", me=["amy@mail.example"])
    Interaction.objects.filter(external_id="<o1@x>").update(opportunity=other)  # an older touch on another job
    second = [
        make_message(BOB, "amy@mail.example", "Re: Interview", message_id="<b1@x>", headers={"References": "<j1@x>"}),
        make_message(BOB, "amy@mail.example", "Re: Re", message_id="<b2@x>", headers={"In-Reply-To": "<b1@x>"}),
        make_message(BOB, "amy@mail.example", "Same Gmail thread", message_id="<b3@x>", headers={"X-GM-THRID": "77"}),
        make_message(BOB, "amy@mail.example", "Both", message_id="<b4@x>", headers={"References": "<o1@x> <j1@x>"}),
        make_message(BOB, "amy@mail.example", "Answers a later one", message_id="<b5@x>",
                     headers={"In-Reply-To": "<b6@x>"}),
        make_message(BOB, "amy@mail.example", "Later", message_id="<b6@x>", headers={"References": "<j1@x>"}),
        make_message(BOB, "amy@mail.example", "No thread", message_id="<b7@x>"),
    ]
    write_mbox(tmp_path / "second.mbox", second)
    import_mbox(owner, tmp_path / "second.mbox", me=["amy@mail.example"])
    assert job_of("<b1@x>") == story.job  # answers a touch logged by the earlier import
    assert job_of("<b2@x>") == story.job  # answers a message earlier in the same batch
    assert job_of("<b3@x>") == story.job  # same Gmail thread as a message processed before
    assert job_of("<b6@x>") == story.job
    # Two answered touches on two jobs: the latest one's; both happened at the same time, so the one logged
    # last wins, as in the touches' own ordering (newest first, then highest id).
    assert job_of("<b4@x>") == other
    assert job_of("<b5@x>") is None  # what it answers comes later in the file: not known yet
    assert job_of("<b7@x>") is None


@pytest.mark.django_db
def test_thread_lookups_take_two_queries_per_batch(owner, story, tmp_path, django_assert_max_num_queries):
    messages = [make_message(BOB, "amy@mail.example", f"Re {i}", message_id=f"<r{i}@x>",
                             headers={"References": f"<gone{i}@x>", "X-GM-THRID": str(i)}) for i in range(60)]
    write_mbox(tmp_path / "a.mbox", messages)
    with django_assert_max_num_queries(40):  # was two per message, 120 more here
        assert import_mbox(owner, tmp_path / "a.mbox", me=["amy@mail.example"]).new == 60


@pytest.mark.django_db
def test_mail_ignored_from_its_headers_is_never_read_yet_recorded_the_same(owner, story, tmp_path, monkeypatch):
    noise = [make_message(f"shop{i}@store.example", "amy@mail.example", f"Deal {i}") for i in range(5)]
    no_id = b"From: deals@store.example\nTo: amy@mail.example\nSubject: no id\n\nbody\n"
    mine = make_message("jane@sugargliderco.com", "amy@mail.example", "Hi", message_id="<mine@x>")
    path = write_mbox(tmp_path / "a.mbox", [*noise, no_id, mine])
    reads = []
    real = importer.read_entry
    monkeypatch.setattr(importer, "read_entry", lambda fh, offset, length: reads.append(offset) or
                        real(fh, offset, length))
    counts = import_mbox(owner, path)
    assert (counts.read, counts.ignored, counts.new) == (7, 6, 1)
    assert len(reads) == 2  # the message from Jane, and the one without a Message-ID (its id hashes it)
    recorded = set(ProcessedMessage.objects.filter(owner=owner).values_list("message_id", flat=True))
    assert recorded == {quick_message_id(m.replace(b"\r\n", b"\n")) for m in [*noise, no_id, mine]}
    assert import_mbox(owner, path).skipped == 7  # and a re-run knows every one of them


@pytest.mark.django_db
def test_eml_import_still_reads_whole_files(owner, story, tmp_path):
    (tmp_path / "a.eml").write_bytes(make_message("jane@sugargliderco.com", "amy@mail.example", "Hi"))
    (tmp_path / "b.eml").write_bytes(make_message("shop@store.example", "amy@mail.example", "Deal"))
    counts = import_eml(owner, [tmp_path / "a.eml", tmp_path / "b.eml"])
    assert (counts.read, counts.new, counts.ignored) == (2, 1, 1)
