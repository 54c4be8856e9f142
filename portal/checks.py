"""System checks of the portal, run by ``manage.py check``, ``runserver`` and ``migrate``."""

from django.core.checks import Tags, Warning, register


@register(Tags.compatibility)
def check_pdf_requirements(app_configs, **kwargs) -> list[Warning]:
    """Warn when a Japanese font or HarfBuzz's subsetter is missing, which PDF rendering needs."""
    from portal.pdf import missing_pieces

    return [Warning(problem, id=check_id) for check_id, problem in missing_pieces()]
