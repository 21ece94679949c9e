"""Speech recognition: streaming PCM in, partial and final transcripts out.

Two engines sit behind one small interface: Vosk (Kaldi; better accuracy, needs a model directory;
vosk_engine.py) and pocketsphinx (US English model bundled in its wheel, so it always works offline;
pocketsphinx_engine.py). A factory loads the model once per process; each device session gets its
own recogniser from `create()`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

_LOG = logging.getLogger(__name__)

_VOSK_REACHABILITY_TIMEOUT_S = 2.0
"""How long `auto` waits to learn whether the Vosk model server can be reached at all."""


@dataclass(frozen=True)
class Word:
    """One recognised word; times in seconds from the start of the utterance."""

    text: str
    start_s: float
    end_s: float
    confidence: float | None = None


@dataclass(frozen=True)
class Transcript:
    """What the recogniser heard so far (partial) or in the whole utterance (final)."""

    text: str
    is_final: bool
    words: tuple[Word, ...] = ()


class Recogniser(Protocol):
    """One per device session; used from one worker thread at a time."""

    engine: str

    def accept(self, pcm: bytes) -> Transcript | None:
        """Feed 16 kHz s16le mono PCM of any length; a partial transcript when the hypothesis changed."""
        ...

    def finish(self) -> Transcript:
        """The final transcript of the current utterance; afterwards ready for the next one."""
        ...

    def reset(self) -> None:
        """Drop the current utterance (barge-in, cancel)."""
        ...


class RecogniserFactory(Protocol):
    """Holds a loaded model; `create()` is thread-safe."""

    engine: str
    description: str

    def create(self) -> Recogniser: ...


class ModelUnavailableError(RuntimeError):
    """A speech model could not be found or loaded; the message says where we looked and what to do."""



def load_recogniser_factory(engine: str = "auto", *, vosk_model: Path | None = None, language: str = "en-us",
                            phrases: Sequence[str] | None = None, allow_download: bool = True,
                            vosk_cache_dir: Path | None = None,
                            vosk_model_url: str | None = None) -> RecogniserFactory:
    """Load the recogniser model once.

    engine "vosk": `vosk_model`, else Vosk's cache, else Vosk's downloader (when allowed).
    engine "pocketsphinx": the bundled English model.
    engine "auto": Vosk when a model is at hand (given, cached, or fetched when the model server
    answers within two seconds), otherwise pocketsphinx, and the description says why.
    `phrases` restricts recognition to those phrases (Vosk: plus "[unk]" for anything else; pocketsphinx:
    nothing else is heard): far better on the phrases, deaf to other speech. For confirmations and
    commands, not for conversation.
    `vosk_cache_dir` and `vosk_model_url` override Vosk's own cache folders and model server.
    """
    # The engine modules import this one for the shared types, so they are imported here, lazily.
    from .pocketsphinx_engine import PocketsphinxFactory
    from .vosk_engine import (
        download_vosk_model,
        find_cached_vosk_model,
        import_vosk,
        vosk_factory,
        vosk_server_reachable,
    )

    if engine == "pocketsphinx":
        return PocketsphinxFactory(language=language, phrases=phrases)
    if engine == "vosk":
        return vosk_factory(_locate_vosk_model(vosk_model, language, allow_download, vosk_cache_dir,
                                                vosk_model_url), phrases)
    if engine != "auto":
        raise ValueError(f"unknown speech recogniser {engine!r}; choose auto, vosk or pocketsphinx")

    if vosk_model is not None:
        return vosk_factory(vosk_model, phrases)  # a model the user named must load, or we say why
    try:
        cached = find_cached_vosk_model(language, [vosk_cache_dir] if vosk_cache_dir is not None else None)
        if cached is not None:
            return vosk_factory(cached, phrases)
        reason = f"no Vosk {language} model in Vosk's cache"
        if allow_download and language == "en-us":
            url = vosk_model_url or import_vosk().MODEL_PRE_URL
            if vosk_server_reachable(url, _VOSK_REACHABILITY_TIMEOUT_S):
                return vosk_factory(download_vosk_model(cache_dir=vosk_cache_dir, model_url=vosk_model_url),
                                     phrases)
            reason += " and the Vosk model server cannot be reached"
    except ModelUnavailableError as err:
        reason = str(err)
    _LOG.warning("speech recognition falls back to pocketsphinx: %s", reason)
    return PocketsphinxFactory(language=language, phrases=phrases, note=f"; fell back from vosk: {reason}")


def _locate_vosk_model(vosk_model: Path | None, language: str, allow_download: bool,
                       cache_dir: Path | None, model_url: str | None) -> Path:
    from .vosk_engine import VOSK_ENGLISH_MODEL, download_vosk_model, find_cached_vosk_model

    if vosk_model is not None:
        return vosk_model
    cached = find_cached_vosk_model(language, [cache_dir] if cache_dir is not None else None)
    if cached is not None:
        return cached
    if language != "en-us":
        raise ModelUnavailableError(
            f"no Vosk {language} model in Vosk's cache; download one from the Vosk models page and "
            "pass --vosk-model DIR")
    if not allow_download:
        raise ModelUnavailableError(
            f"no Vosk English model in Vosk's cache and downloading is switched off; download "
            f"{VOSK_ENGLISH_MODEL} on a connected machine from the Vosk models page and pass --vosk-model DIR, "
            "or use --asr pocketsphinx")
    return download_vosk_model(cache_dir=cache_dir, model_url=model_url)


