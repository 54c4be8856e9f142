"""Process-safe storage of a Whoosh index with atomic rebuilds.

Folder layout under the configured ``PATH``::

    CURRENT        name of the generation folder that searches read
    BUILDING       name of the generation folder a rebuild is filling (only during a rebuild)
    write.lock     fcntl lock file serialising every write from every process
    gen-<id>/      one complete Whoosh index per generation

Writes: every write takes an exclusive ``fcntl.flock`` on ``write.lock``, retrying
with exponential backoff (plus jitter) until ``lock_timeout`` seconds have passed,
and then opens a Whoosh writer, applies the change and commits before releasing
the lock. Because only one process writes at a time, Whoosh's own write lock is
always free and no update is lost. Whoosh's ``AsyncWriter`` and ``BufferedWriter``
are not used because they give no guarantee across processes. Each retry is
logged at INFO and a timeout at ERROR, with the document keys (model label and
primary key) but never document text.

Rebuilds: ``start_rebuild`` creates a new generation and records it in
``BUILDING``. From then on, ordinary writes go to both the current and the
building generation, so updates made during a rebuild reach the new index too.
``finish_rebuild`` replaces ``CURRENT`` with ``os.replace`` (atomic on POSIX), so
searches read the old generation until the new one is complete. The previous
generation is kept for readers that opened it just before the switch, and older
ones are deleted.

Reads: each thread keeps one Whoosh searcher per storage folder and opens a new
one when ``CURRENT`` names another generation or Whoosh reports a newer commit.
"""

import fcntl
import logging
import os
import random
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import Schema
from whoosh.searching import Searcher
from whoosh.writing import IndexWriter

logger = logging.getLogger(__name__)

CURRENT_FILE = "CURRENT"
BUILDING_FILE = "BUILDING"
LOCK_FILE = "write.lock"
GENERATION_PREFIX = "gen-"
INITIAL_BACKOFF_SECONDS = 0.01
MAX_BACKOFF_SECONDS = 0.5
# Keys listed in one log line. A bulk write of 1,000 objects logs the first ones and the count.
MAX_LOGGED_KEYS = 10


class IndexWriteError(Exception):
    """A write to the search index failed, so the index keeps its previous content."""


class IndexLockTimeout(IndexWriteError):
    """The write lock stayed held by another process for longer than the timeout."""


def describe_keys(keys: Sequence[str]) -> str:
    """Return a short log-friendly list of document keys."""
    shown = ", ".join(keys[:MAX_LOGGED_KEYS])
    if len(keys) > MAX_LOGGED_KEYS:
        return f"{shown} and {len(keys) - MAX_LOGGED_KEYS} more"
    return shown


class WhooshStorage:
    """A folder of Whoosh index generations with a process-wide write lock.

    ``schema`` must be the same for every generation. ``lock_timeout`` is the
    number of seconds a write waits for the lock before raising
    :class:`IndexLockTimeout`.
    """

    def __init__(self, path: str | os.PathLike, schema: Schema, lock_timeout: float = 30.0):
        self.path = Path(path)
        self.schema = schema
        self.lock_timeout = lock_timeout

    # Locking

    @contextmanager
    def locked(self, keys: Sequence[str] = ()) -> Iterator[None]:
        """Hold the exclusive write lock for the duration of the ``with`` block.

        Raises :class:`IndexLockTimeout` when the lock cannot be taken within
        ``lock_timeout`` seconds.
        """
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / LOCK_FILE, "a+b") as lock_file:
            self._acquire(lock_file, keys)
            try:
                yield
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)

    def _acquire(self, lock_file, keys: Sequence[str]) -> None:
        deadline = time.monotonic() + self.lock_timeout
        backoff = INITIAL_BACKOFF_SECONDS
        attempt = 1
        while True:
            try:
                fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                pass
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                logger.error(
                    "Search index write lock %s not acquired after %.1f s and %d attempts; documents: %s",
                    self.path / LOCK_FILE,
                    self.lock_timeout,
                    attempt,
                    describe_keys(keys),
                )
                raise IndexLockTimeout(
                    f"Timed out after {self.lock_timeout} s waiting for the search index lock "
                    f"{self.path / LOCK_FILE}"
                )
            # Jitter keeps processes that collided once from retrying in lockstep.
            delay = min(backoff * random.uniform(0.5, 1.5), remaining)
            logger.info(
                "Search index write lock busy, retry %d in %.3f s; documents: %s",
                attempt,
                delay,
                describe_keys(keys),
            )
            time.sleep(delay)
            backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)
            attempt += 1

    # Generations

    def _read_name(self, file_name: str) -> str | None:
        try:
            name = (self.path / file_name).read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return None
        return name or None

    def _write_name(self, file_name: str, name: str) -> None:
        # Write a temporary file and rename it so that readers never see a partial name.
        temporary = self.path / f"{file_name}.{uuid.uuid4().hex}.tmp"
        temporary.write_text(name + "\n", encoding="ascii")
        os.replace(temporary, self.path / file_name)

    def _create_generation(self) -> str:
        name = f"{GENERATION_PREFIX}{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
        folder = self.path / name
        folder.mkdir(parents=True)
        whoosh_index.create_in(folder, self.schema)
        return name

    def current_generation(self) -> str:
        """Return the generation searches read, creating an empty index on first use."""
        name = self._read_name(CURRENT_FILE)
        if name is not None:
            return name
        with self.locked():
            name = self._read_name(CURRENT_FILE)
            if name is None:
                name = self._create_generation()
                self._write_name(CURRENT_FILE, name)
        return name

    def _delete_old_generations(self, keep: set[str]) -> None:
        for folder in self.path.glob(f"{GENERATION_PREFIX}*"):
            if folder.name not in keep:
                shutil.rmtree(folder, ignore_errors=True)

    # Writing

    def write(
        self,
        apply: Callable[[IndexWriter], None],
        keys: Sequence[str],
        generation: str | None = None,
    ) -> None:
        """Run ``apply`` with a Whoosh writer under the lock and commit it.

        Without ``generation``, the change goes to the current generation and to
        the one being built by a rebuild, if any. With ``generation``, only that
        one is written (used by the rebuilder). Raises :class:`IndexWriteError`
        when the lock times out or Whoosh fails; nothing is committed then.
        """
        current = self.current_generation()
        try:
            with self.locked(keys):
                if generation is not None:
                    targets = [generation]
                else:
                    targets = [self._read_name(CURRENT_FILE) or current]
                    building = self._read_name(BUILDING_FILE)
                    if building and building not in targets and (self.path / building).is_dir():
                        targets.append(building)
                for target in targets:
                    self._write_generation(target, apply)
        except IndexLockTimeout:
            raise
        except Exception as error:
            # The caller logs the failure with the model label and keys, so it is not logged twice here.
            raise IndexWriteError(f"Search index write failed in {self.path}: {error}") from error

    def _write_generation(self, generation: str, apply: Callable[[IndexWriter], None]) -> None:
        ix = whoosh_index.open_dir(self.path / generation)
        try:
            # The fcntl lock already serialises writers, so Whoosh's lock is free.
            # The timeout only covers a writer outside this class.
            writer = ix.writer(timeout=self.lock_timeout)
            try:
                apply(writer)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
        finally:
            ix.close()

    # Rebuilding

    def start_rebuild(self) -> str:
        """Create an empty generation that ordinary writes also update, and return its name.

        A generation left by an interrupted rebuild is deleted first.
        """
        self.current_generation()
        with self.locked():
            stale = self._read_name(BUILDING_FILE)
            if stale:
                shutil.rmtree(self.path / stale, ignore_errors=True)
            name = self._create_generation()
            self._write_name(BUILDING_FILE, name)
        return name

    def finish_rebuild(self, generation: str) -> None:
        """Make ``generation`` the one searches read, and delete generations older than the previous one."""
        with self.locked():
            previous = self._read_name(CURRENT_FILE)
            self._write_name(CURRENT_FILE, generation)
            if self._read_name(BUILDING_FILE) == generation:
                (self.path / BUILDING_FILE).unlink()
            self._delete_old_generations({generation, previous or generation})

    def reset(self) -> None:
        """Switch searches to a new empty generation and abandon any rebuild in progress."""
        with self.locked():
            previous = self._read_name(CURRENT_FILE)
            name = self._create_generation()
            self._write_name(CURRENT_FILE, name)
            (self.path / BUILDING_FILE).unlink(missing_ok=True)
            self._delete_old_generations({name, previous or name})

    # Reading

    _local = threading.local()

    def searcher(self) -> Searcher:
        """Return this thread's searcher over the current generation, refreshed if needed."""
        generation = self.current_generation()
        cache: dict[Path, tuple[str, Searcher]] = self._local.__dict__.setdefault("searchers", {})
        cached = cache.get(self.path)
        if cached is not None and cached[0] == generation and cached[1].up_to_date():
            return cached[1]
        if cached is not None:
            cached[1].close()
        # A new searcher instead of Searcher.refresh(), which fails in Whoosh-Reloaded
        # 2.7.5 when the previous reader had no segments (TypeError in reader reuse).
        searcher = whoosh_index.open_dir(self.path / generation).searcher()
        cache[self.path] = (generation, searcher)
        return searcher
