"""The voice loop's engines, loaded once per test run: pocketsphinx, Piper, and the OS."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def english_recognisers():
    from earpiece_host.speech.choose import load_recogniser_factory

    return load_recogniser_factory("pocketsphinx")


@pytest.fixture
def voice_services(english_recognisers, piper_synthesiser, tmp_path):
    from earpiece_host.dialogue import open_engine
    from earpiece_host.voice import VoiceConfig, VoiceServices

    brain = open_engine(tmp_path / "os", seed=7, morning_briefing=False)
    services = VoiceServices(english_recognisers, piper_synthesiser, brain,
                             config=VoiceConfig(seed=7, announce_interval_s=0.2))
    yield services
    services.close()
    brain.close()
