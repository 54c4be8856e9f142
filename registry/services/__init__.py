"""Operations on the registry that touch several models, each checked against ``portal.members.access``.

When the policy denies an operation, it records the denied attempt in the audit log and raises
``PermissionDenied``. When the current state rules it out, it raises ``ValidationError`` with a message for the
user. Every change of an adoption writes an ``AdoptionEvent``; changes users care about also write an audit
entry with a dotted action id (``registry.adoption.verified``).
"""
