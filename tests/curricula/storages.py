"""A file storage that fails a set number of saves, to test how PDF rendering recovers from storage errors."""

from django.core.files.storage import FileSystemStorage


class FlakyStorage(FileSystemStorage):
    """``FileSystemStorage`` whose next ``failures`` saves raise ``OSError``, as a full disk or an outage would."""

    failures = 0
    attempts = 0

    def _save(self, name, content):
        type(self).attempts += 1
        if type(self).failures > 0:
            type(self).failures -= 1
            raise OSError("Storage unavailable")
        return super()._save(name, content)
