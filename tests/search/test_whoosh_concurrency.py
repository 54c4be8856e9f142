"""Concurrent writes and atomic rebuilds of the Whoosh index storage, with real processes."""

import logging
import subprocess
import sys
import time
from pathlib import Path

import pytest
from whoosh.fields import ID, TEXT, Schema
from whoosh.query import Every, Term

from portal.search.backends.whoosh_analysis import search_analyzer
from portal.search.backends.whoosh_storage import IndexLockTimeout, WhooshStorage

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
UPDATES_PER_PROCESS = 50

# Each worker waits for the start file, then commits its updates one at a time,
# so both processes contend for the lock for the whole run.
WORKER = """
import sys, time
from pathlib import Path
from whoosh.fields import ID, TEXT, Schema
from portal.search.backends.whoosh_analysis import search_analyzer
from portal.search.backends.whoosh_storage import WhooshStorage

path, prefix, count, start_file = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
schema = Schema(doc_key=ID(unique=True, stored=True), s__body=TEXT(analyzer=search_analyzer()))
storage = WhooshStorage(path, schema, lock_timeout=60)
while not start_file.exists():
    time.sleep(0.01)
for number in range(count):
    key = f"{prefix}:{number}"
    storage.write(lambda writer: writer.update_document(doc_key=key, s__body="年齢確認 update"), [key])
"""


def make_schema() -> Schema:
    return Schema(doc_key=ID(unique=True, stored=True), s__body=TEXT(analyzer=search_analyzer()))


def stored_keys(storage: WhooshStorage) -> set[str]:
    searcher = storage.searcher()
    return {fields["doc_key"] for fields in searcher.all_stored_fields()}


def add(storage: WhooshStorage, key: str, body: str, generation: str | None = None) -> None:
    storage.write(
        lambda writer: writer.update_document(doc_key=key, s__body=body), [key], generation=generation
    )


def test_two_processes_lose_no_update(tmp_path):
    storage = WhooshStorage(tmp_path / "index", make_schema())
    storage.current_generation()
    start_file = tmp_path / "start"
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WORKER,
                str(storage.path),
                prefix,
                str(UPDATES_PER_PROCESS),
                str(start_file),
            ],
            cwd=REPOSITORY_ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for prefix in ("first", "second")
    ]
    start_file.touch()
    errors = [worker.communicate(timeout=120)[1] for worker in workers]

    assert [worker.returncode for worker in workers] == [0, 0], errors
    expected = {
        f"{prefix}:{number}" for prefix in ("first", "second") for number in range(UPDATES_PER_PROCESS)
    }
    assert stored_keys(storage) == expected


def test_lock_timeout_raises_and_logs(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="portal.search.backends.whoosh_storage")
    storage = WhooshStorage(tmp_path / "index", make_schema(), lock_timeout=0.2)
    storage.current_generation()
    with storage.locked():
        started = time.monotonic()
        with pytest.raises(IndexLockTimeout):
            add(storage, "blocked:1", "secret body")
        waited = time.monotonic() - started

    assert waited >= 0.2
    assert "retry 1" in caplog.text
    assert "blocked:1" in caplog.text
    assert "secret body" not in caplog.text
    assert stored_keys(storage) == set()


def test_rebuild_serves_old_generation_until_finish(tmp_path):
    storage = WhooshStorage(tmp_path / "index", make_schema())
    add(storage, "page:1", "old text")

    generation = storage.start_rebuild()
    add(storage, "page:2", "new text", generation=generation)
    assert stored_keys(storage) == {"page:1"}

    storage.finish_rebuild(generation)
    assert stored_keys(storage) == {"page:2"}


def test_write_during_rebuild_reaches_both_generations(tmp_path):
    storage = WhooshStorage(tmp_path / "index", make_schema())
    add(storage, "page:1", "old text")

    generation = storage.start_rebuild()
    add(storage, "page:3", "saved during rebuild")
    assert stored_keys(storage) == {"page:1", "page:3"}

    storage.finish_rebuild(generation)
    assert stored_keys(storage) == {"page:3"}


def test_reset_empties_index(tmp_path):
    storage = WhooshStorage(tmp_path / "index", make_schema())
    add(storage, "page:1", "text")
    storage.reset()

    searcher = storage.searcher()
    assert searcher.search(Every(), limit=None).scored_length() == 0
    assert len(list((tmp_path / "index").glob("gen-*"))) == 2


def test_searcher_sees_commit_from_other_storage(tmp_path):
    reader = WhooshStorage(tmp_path / "index", make_schema())
    writer = WhooshStorage(tmp_path / "index", make_schema())
    reader.current_generation()
    assert len(reader.searcher().search(Term("s__body", "年齢"))) == 0

    add(writer, "page:1", "年齢確認")

    assert len(reader.searcher().search(Term("s__body", "年齢"))) == 1
