"""Settings for the test suite: the real settings, with a fast password hasher.

The production hasher is slow on purpose; every test that creates a member of staff paid for
it. No test depends on which hasher stores a password, only that one does.
"""

from fairhear.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The case file export is written where it is asked for, so no test races a thread; the one
# test of the thread turns it back on.
FAIRHEAR_EXPORTS_IN_BACKGROUND = False

# The production cache is a database table shared by every worker (settings.CACHES). Tests keep
# it in memory: faster, emptied by one cache.clear(), and shared by the live server's thread
# with the test. tests/db/web/test_shared_cache.py checks the production setting and its table.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
