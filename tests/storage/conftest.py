"""The export tests' data and personas, reused by the storage tests."""

from liaison.exports.tests.conftest import assessments, dave  # noqa: F401
