"""Production's settings as tests/core/test_serving.py serves them: everything production
runs, with the static files collected into a folder of the test's own."""

import os

from config.settings.production import *  # noqa: F403

STATIC_ROOT = os.environ["SERVING_TEST_STATIC_ROOT"]
