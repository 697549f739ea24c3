"""Settings for the test suite: the production settings, served over plain http."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("LIAISON_HTTPS", "false")
# The request figures of test runs go to a scratch folder (config/settings.py METRICS_DIR).
os.environ.setdefault("LIAISON_METRICS_DIR", tempfile.mkdtemp(prefix="liaison-test-metrics-"))

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (whitenoise looks for it)
# Attached documents written by tests go to a scratch folder, not the data directory.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="liaison-test-media-"))
# Background exports and import previews write to scratch folders too.
EXPORT_ROOT = Path(tempfile.mkdtemp(prefix="liaison-test-exports-"))
IMPORT_ROOT = Path(tempfile.mkdtemp(prefix="liaison-test-imports-"))
# On disk unless a test says otherwise (the S3 tests swap in a bucket); templates resolve
# static files without a collectstatic run.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "exports": private_folder_storage(EXPORT_ROOT),  # noqa: F405
    "imports": private_folder_storage(IMPORT_ROOT),  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Jobs run at once, in the process that queues them (django-q2's sync mode).
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405

# The documentation site is built by its own tests (and by `scripts/test`), not on every start.
BUILD_DOCS_ON_START = False
