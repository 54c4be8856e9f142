from . import services


def notifications(request) -> dict:
    """Expose the signed-in user's unread count as ``unread_notifications``, counted only when a template uses it."""
    user = getattr(request, "user", None)
    return {"unread_notifications": lambda: services.unread_count(user)}
