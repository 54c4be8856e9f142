"""Views of the registry: ``public`` for everyone, ``manage`` for operators, ``review`` for reviewers,
``onboarding`` for checklists."""
