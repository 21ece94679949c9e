"""Wake-word detection on the host: an optional gate on hands-free audio before the recogniser runs.

microWakeWord models (pymicro-wakeword, Apache-2.0; the TensorFlow Lite models ship in its wheel):
"okay nabu", "hey jarvis", "hey mycroft", "alexa". When the option is on, a hands-free turn is
recognised only from the moment its wake word was heard, so the recogniser never sees audio that
was not addressed to the earpiece and the transcript is the request alone.
"""

from __future__ import annotations

from typing import Any, Protocol

from .asr import ModelUnavailableError

WAKE_WORDS = ("okay_nabu", "hey_jarvis", "hey_mycroft", "alexa")
_CHUNK_BYTES = 320  # the feature extractor takes 10 ms of 16 kHz s16le


class WakeWordDetector(Protocol):
    """One per device; used from one thread at a time."""

    def heard(self, pcm: bytes) -> bool:
        """Feed 16 kHz s16le mono PCM; True once the wake word has just been spoken."""
        ...

    def reset(self) -> None: ...


class MicroWakeWordDetector:
    """A microWakeWord model and its streaming features; keeps any odd bytes for the next call."""

    def __init__(self, name: str) -> None:
        from pymicro_wakeword import MicroWakeWord, MicroWakeWordFeatures, Model

        self.name = name
        self._model_id = Model[name.upper()]
        self._make_model, self._make_features = MicroWakeWord.from_builtin, MicroWakeWordFeatures
        self.reset()

    def heard(self, pcm: bytes) -> bool:
        data = self._rest + pcm
        usable = len(data) - len(data) % _CHUNK_BYTES
        self._rest = data[usable:]
        found = False
        for start in range(0, usable, _CHUNK_BYTES):
            for features in self._features.process_streaming(data[start:start + _CHUNK_BYTES]):
                found = bool(self._model.process_streaming(features)) or found
        return found

    def reset(self) -> None:
        self._model: Any = self._make_model(self._model_id)
        self._features: Any = self._make_features()
        self._rest = b""


def check_wake_word(name: str) -> str:
    """The name if a model for it is installed; otherwise a clear error."""
    if name not in WAKE_WORDS:
        raise ModelUnavailableError(f"no wake-word model called {name!r}; choose {', '.join(WAKE_WORDS)}")
    try:
        MicroWakeWordDetector(name)
    except (ImportError, OSError) as err:
        raise ModelUnavailableError(f"the wake-word detector cannot load ({err}); "
                                    "'pip install pymicro-wakeword', or leave --wake-word out") from err
    return name
