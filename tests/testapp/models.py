"""A concrete distributed model, so the TLP rules can be tested before any app ships one."""

from django.db import models

from portal.members.distribution import DistributedModel


class SharedNote(DistributedModel):
    title = models.CharField(max_length=100)

    class Meta:
        app_label = "testapp"

    def __str__(self) -> str:
        return self.title
