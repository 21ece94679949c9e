"""The speech stages: recognition (asr), end-of-speech detection (vad) and synthesis (tts).

Interfaces: asr.py (recognisers), tts.py (synthesisers). Engines: vosk_engine.py,
pocketsphinx_engine.py, whisper_engine.py, piper_engine.py. Choosing a recogniser: choose.py.
Recognition biased to the OS's sentences: grammar.py (the sentences) and biased.py (grammar beside
open vocabulary, snapping). Every engine here blocks; the session runs them in worker threads, never
on the event loop.
"""

from .asr import ModelUnavailableError, Recogniser, RecogniserFactory, Transcript, Word
from .choose import load_recogniser_factory
from .piper_engine import load_synthesiser
from .tts import Synthesiser, VoiceUnavailableError, split_sentences
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
