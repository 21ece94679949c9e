"""The speech stages: recognition (asr), end-of-speech detection (vad) and synthesis (tts).

Every engine here blocks; the session runs them in worker threads, never on the event loop.
"""

from .asr import (
    ModelUnavailableError,
    Recogniser,
    RecogniserFactory,
    Transcript,
    Word,
    load_recogniser_factory,
)
from .tts import Synthesiser, VoiceUnavailableError, load_synthesiser, split_sentences
from .vad import EndpointConfig, EndpointEvent, Endpointer

__all__ = [
    "EndpointConfig",
    "EndpointEvent",
    "Endpointer",
    "ModelUnavailableError",
    "Recogniser",
    "RecogniserFactory",
    "Synthesiser",
    "Transcript",
    "VoiceUnavailableError",
    "Word",
    "load_recogniser_factory",
    "load_synthesiser",
    "split_sentences",
]
