"""The Vosk engine: model lookup in Vosk's cache, download through Vosk's own code, streaming recognition."""

from __future__ import annotations

import json
import logging
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..audio import SAMPLE_BYTES, SAMPLE_RATE_HZ
from .asr import ModelUnavailableError, Recogniser, Transcript, Word

_LOG = logging.getLogger(__name__)

VOSK_ENGLISH_MODEL = "vosk-model-small-en-us-0.15"
"""The model Vosk fetches into its cache when no model directory is given."""

_VOSK_DOWNLOAD_STALL_TIMEOUT_S = 10.0
"""A download that receives nothing for this long is abandoned (a slow link is fine; a dead one is not)."""


def check_vosk_model_dir(model_dir: Path) -> None:
    """Refuse a directory that is not a Vosk model before Kaldi sees it (Kaldi only logs a cryptic error).

    Raises ModelUnavailableError naming the directory and what is missing.
    """
    fix = ("download a model from the Vosk models page, unzip it and pass --vosk-model DIR "
           "(the directory that contains am/ and conf/), or use --asr pocketsphinx")
    if not model_dir.is_dir():
        raise ModelUnavailableError(f"Vosk model directory {model_dir} does not exist; {fix}")

    def present(*names: str) -> bool:
        return any((model_dir / name).is_file() and (model_dir / name).stat().st_size > 0 for name in names)

    missing = []
    if not present("am/final.mdl", "final.mdl"):
        missing.append("am/final.mdl")
    if not present("conf/mfcc.conf", "mfcc.conf"):
        missing.append("conf/mfcc.conf")
    has_static_graph = present("graph/HCLG.fst", "HCLG.fst")
    has_dynamic_graph = present("graph/HCLr.fst", "HCLr.fst") and present("graph/Gr.fst", "Gr.fst")
    if not (has_static_graph or has_dynamic_graph):
        missing.append("graph/HCLG.fst (or graph/HCLr.fst with graph/Gr.fst)")
    if missing:
        raise ModelUnavailableError(
            f"{model_dir} is not a complete Vosk model: missing {', '.join(missing)}; {fix}")


def import_vosk() -> Any:
    try:
        import vosk
    except ImportError as err:  # also raised when its native library cannot load
        raise ModelUnavailableError(f"the vosk package is not usable ({err}); 'pip install vosk', "
                                    "or use --asr pocketsphinx") from err
    return vosk


def find_cached_vosk_model(language: str = "en-us", cache_dirs: Sequence[Path] | None = None) -> Path | None:
    """A model for `language` already in one of Vosk's own cache folders, the small model first."""
    vosk = import_vosk()
    dirs = list(cache_dirs) if cache_dirs is not None else [Path(d) for d in vosk.MODEL_DIRS if d]
    pattern = re.compile(rf"vosk-model(-small)?-{re.escape(language)}(-|$)")
    found: list[Path] = []
    for directory in dirs:
        if not directory.is_dir():
            continue
        found.extend(sorted(p for p in directory.iterdir() if p.is_dir() and pattern.match(p.name)))
    found.sort(key=lambda p: "-small-" not in p.name)  # small models load in a second; big ones in minutes
    for candidate in found:
        try:
            check_vosk_model_dir(candidate)
        except ModelUnavailableError as err:
            _LOG.warning("ignoring an incomplete cached Vosk model: %s", err)
            continue
        return candidate
    return None


def vosk_server_reachable(model_url: str, timeout_s: float) -> bool:
    """A quick TCP connect to the model server, so that `auto` never stalls when offline.

    The probe runs in a daemon thread because a name lookup ignores socket timeouts and can hang
    for many seconds on a machine without a network.
    """
    parts = urlsplit(model_url)
    if not parts.hostname:
        return False
    port = parts.port or (443 if parts.scheme == "https" else 80)
    answer: list[bool] = []

    def probe() -> None:
        try:
            with socket.create_connection((parts.hostname, port), timeout=timeout_s):
                answer.append(True)
        except OSError:
            answer.append(False)

    thread = threading.Thread(target=probe, name="vosk-server-probe", daemon=True)
    thread.start()
    thread.join(timeout_s)
    return bool(answer and answer[0])


def download_vosk_model(name: str = VOSK_ENGLISH_MODEL, *, cache_dir: Path | None = None,
                        model_url: str | None = None) -> Path:
    """Fetch a Vosk model with the vosk package's own download code (and its progress bar).

    It runs in a child process: Vosk's downloader calls sys.exit() for unknown names and has no
    timeout of its own, and neither may take this process down or hang it.
    """
    command = [sys.executable, "-m", "earpiece_host.speech._vosk_download", name,
               "--stall-timeout-s", str(_VOSK_DOWNLOAD_STALL_TIMEOUT_S)]
    if cache_dir is not None:
        command += ["--cache-dir", str(cache_dir)]
    if model_url is not None:
        command += ["--model-url", model_url]
    advice = ("download it on a connected machine from the Vosk models page and pass --vosk-model DIR, "
              "or use --asr pocketsphinx")
    try:
        # stdout carries the model path; stderr (the progress bar) goes straight to the user.
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    except OSError as err:
        raise ModelUnavailableError(f"could not download the Vosk English model {name} ({err}); {advice}") from err
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        reason = lines[-1] if lines else f"the downloader exited with status {done.returncode}"
        raise ModelUnavailableError(
            f"could not download the Vosk English model {name} ({reason}); {advice}")
    path = Path(lines[-1])
    check_vosk_model_dir(path)
    return path


class VoskRecogniser:
    """Streams PCM into one Kaldi recogniser; Vosk's own segment ends are stitched into one utterance."""

    engine = "vosk"
    partial_current = True  # its hypothesis follows every chunk

    def __init__(self, model: Any, grammar: str | None = None) -> None:
        vosk = import_vosk()
        if grammar is None:
            self._rec = vosk.KaldiRecognizer(model, SAMPLE_RATE_HZ)
        else:
            self._rec = vosk.KaldiRecognizer(model, SAMPLE_RATE_HZ, grammar)
        self._rec.SetWords(True)
        self._segments: list[dict] = []  # results Vosk finalised inside the current utterance
        self._partial = ""
        self._last_text = ""
        self._offset_s = 0.0  # Vosk word times run on across utterances; ours start at 0 per utterance
        self._stream_s = 0.0

    def accept(self, pcm: bytes) -> Transcript | None:
        if not pcm:
            return None
        self._stream_s += len(pcm) / (SAMPLE_BYTES * SAMPLE_RATE_HZ)
        if self._rec.AcceptWaveform(pcm):
            result = json.loads(self._rec.Result())
            if result.get("text"):
                self._segments.append(result)
            self._partial = ""
        else:
            self._partial = json.loads(self._rec.PartialResult()).get("partial", "")
        text = _join(*(s["text"] for s in self._segments), self._partial)
        if text == self._last_text:
            return None
        self._last_text = text
        return Transcript(text=text, is_final=False)

    def finish(self) -> Transcript:
        result = json.loads(self._rec.FinalResult())
        segments = [*self._segments, result]
        words = tuple(
            Word(text=w["word"], start_s=round(max(0.0, w["start"] - self._offset_s), 3),
                 end_s=round(max(0.0, w["end"] - self._offset_s), 3), confidence=w.get("conf"))
            for segment in segments for w in segment.get("result", ()))
        transcript = Transcript(text=_join(*(s.get("text", "") for s in segments)), is_final=True,
                                words=words)
        self._start_next_utterance()
        return transcript

    def reset(self) -> None:
        # KaldiRecognizer.Reset() keeps audio buffered in the feature pipeline (it resurfaces as a
        # word in the next utterance) and restarts Vosk's clock; finalising and discarding does neither.
        self._rec.FinalResult()
        self._start_next_utterance()

    def _start_next_utterance(self) -> None:
        self._segments = []
        self._partial = ""
        self._last_text = ""
        self._offset_s = self._stream_s


class VoskFactory:
    """A loaded Vosk model; Kaldi models are shared read-only between recognisers, so create() is thread-safe."""

    engine = "vosk"

    def __init__(self, model: Any, model_dir: Path, description: str, grammar: str | None = None) -> None:
        self.model = model
        self.model_dir = model_dir
        self.description = description
        self.grammar = grammar

    def create(self) -> Recogniser:
        return VoskRecogniser(self.model, self.grammar)


def load_vosk_model(model_dir: Path) -> Any:
    """Load a Vosk model directory, turning every failure (even Kaldi calling exit) into ModelUnavailableError."""
    check_vosk_model_dir(model_dir)
    vosk = import_vosk()
    vosk.SetLogLevel(-1)  # Kaldi logs every load step to stderr otherwise
    try:
        return vosk.Model(str(model_dir))
    except (Exception, SystemExit) as err:  # noqa: BLE001 - Kaldi's failure is an opaque Exception
        raise ModelUnavailableError(
            f"Vosk could not load the model in {model_dir} ({err}); the files may be damaged: "
            "unzip the model again (or download a fresh copy) and pass --vosk-model DIR, "
            "or use --asr pocketsphinx") from err


def vosk_factory(model_dir: Path, phrases: Sequence[str] | None, note: str = "") -> VoskFactory:
    model = load_vosk_model(model_dir)
    grammar = _vosk_grammar(model, phrases) if phrases else None
    return VoskFactory(model=model, model_dir=model_dir, grammar=grammar,
                       description=f"vosk ({_model_label(model_dir)}){note}")


def _vosk_grammar(model: Any, phrases: Sequence[str]) -> str:
    """A Vosk grammar of the phrases plus "[unk]" (when the model has it) for anything else said.

    Words the model does not know cannot be recognised at all; they are named in a warning.
    """
    unknown = sorted({word for phrase in phrases for word in phrase.split()
                      if model.vosk_model_find_word(word) < 0})
    if unknown:
        _LOG.warning("the Vosk model does not know %s; phrases with them cannot be recognised", ", ".join(unknown))
    garbage = ["[unk]"] if model.vosk_model_find_word("[unk]") >= 0 else []
    return json.dumps([*phrases, *garbage], ensure_ascii=False)


def vosk_grammar_for(model: Any, sentences: Sequence[str]) -> str:
    """The OS's sentences as a Vosk grammar: those whose every word the model knows, plus "[unk]"."""
    from .grammar import vosk_grammar

    known = {w for s in sentences for w in s.split() if model.vosk_model_find_word(w) >= 0}
    if model.vosk_model_find_word("[unk]") < 0:
        return json.dumps([s for s in sentences if all(w in known for w in s.split())], ensure_ascii=False)
    return vosk_grammar(sentences, known)


def _model_label(model_dir: Path) -> str:
    """The model's folder name, with its parent when the folder is just called "model"."""
    return f"{model_dir.parent.name}/{model_dir.name}" if model_dir.name == "model" else model_dir.name


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)
