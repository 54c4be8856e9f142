"""An email backend whose every send fails, as an unreachable SMTP server would."""

from django.core.mail.backends.base import BaseEmailBackend


class Backend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("The SMTP server refused the connection.")
