from . import access


def membership(request) -> dict:
    """Expose the user's standing to templates as ``standing``, computed lazily."""
    return {"standing": lambda: access.standing(getattr(request, "user", None))}
