"""The private storage for deployments that keep files in S3 (``AWS_STORAGE_BUCKET_NAME``, see
``portal.settings.production``).

It lives apart from ``portal.files`` so that only such deployments import django-storages and boto3.
"""

from storages.backends.s3 import S3Storage

from .files import NoURLStorageMixin


class PrivateS3Storage(NoURLStorageMixin, S3Storage):
    """S3 storage whose files have no URL: ``url()`` raises instead of signing a link that bypasses the views."""
