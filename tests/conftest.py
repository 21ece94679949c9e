"""Shared fixtures: speech engines load once per test run."""

pytest_plugins = ["speech_fixtures", "voice_fixtures"]
