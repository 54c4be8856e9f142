# The portal's access matrix fixtures: users per role, and signing in as one.
from tests.portal.conftest import make_user  # noqa: F401
from tests.portal.test_access_matrix import sign_in_as  # noqa: F401
