"""Choosing a speech recogniser: one table from engine name to loader, and `auto`'s fallback rule.

Engines know nothing of this module. A new engine (or a remote one) is one more row in
`RECOGNISERS`: a function from `RecogniserOptions` to a loaded `RecogniserFactory`. Engine modules
are imported inside the loaders, so choosing pocketsphinx never imports Vosk's native library.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .asr import ModelUnavailableError, RecogniserFactory
from .grammar import UserNames

if TYPE_CHECKING:
    from .second_pass import SecondOpinionFactory

_LOG = logging.getLogger(__name__)

_VOSK_REACHABILITY_TIMEOUT_S = 2.0
"""How long `auto` waits to learn whether the Vosk model server can be reached at all."""


@dataclass(frozen=True)
class RecogniserOptions:
    """Everything a loader may need; each engine reads the fields it understands."""

    vosk_model: Path | None = None
    language: str = "en-us"
    phrases: tuple[str, ...] = ()
    """Restrict recognition to these phrases (see `load_recogniser_factory`); empty: open vocabulary."""
    allow_download: bool = True
    vosk_cache_dir: Path | None = None
    vosk_model_url: str | None = None
    names: tuple[str, ...] = ("Samantha",)
    """Names in the user's world (the persona's, lists, contacts) that recognition should expect."""
    user_names: UserNames | None = None
    """The same, by kind; with it (and `bias`), recognition is biased to the OS's sentences (biased.py)."""
    bias: bool = True
    understands: Callable[[str], bool] | None = None
    """The OS's "is this a complete request?" (Engine.looks_complete): with `user_names`, Whisper's
    n-best reading that the OS understands is preferred over a top reading it does not (biased.py)."""
    whisper_tuning: object | None = None
    """Whisper's decoding knobs (a whisper_engine.WhisperTuning); None: its defaults."""
    note: str = ""
    """Said at the end of the description (why `auto` came to this engine: `choose_engine`)."""
    auto_choice: AutoChoice | None = None
    """`auto`: what `choose_engine` found (`ChosenEngine.auto`), so that the loader does not look again."""


def _pocketsphinx(options: RecogniserOptions, note: str = "") -> RecogniserFactory:
    from .pocketsphinx_engine import PocketsphinxFactory

    factory = PocketsphinxFactory(language=options.language, phrases=options.phrases, note=note or options.note)
    sentences = _grammar_sentences(options)
    if not sentences:
        return factory
    from .biased import GRAMMAR_MIN_CONFIDENCE, GrammarFirstFactory
    from .grammar import arpa_bigram

    grammar = PocketsphinxFactory(language=options.language,
                                  language_model=lambda known: arpa_bigram(sentences, known))
    return GrammarFirstFactory(grammar, factory, GRAMMAR_MIN_CONFIDENCE["pocketsphinx"], sentences, snap=True)


def _vosk(options: RecogniserOptions) -> RecogniserFactory:
    from .vosk_engine import vosk_factory

    return _with_vosk_grammar(vosk_factory(_locate_vosk_model(options), options.phrases), options)


def _with_vosk_grammar(factory, options: RecogniserOptions) -> RecogniserFactory:
    """The Vosk model beside a grammar-restricted recogniser on the same model (shared, no reload)."""
    sentences = _grammar_sentences(options)
    return vosk_with_grammar(factory, sentences) if sentences else factory


def vosk_with_grammar(factory, sentences: Sequence[str]) -> RecogniserFactory:
    """A loaded Vosk factory beside a recogniser on the same model restricted to `sentences` (any
    language the model speaks: earpiece_tools.vosk_threshold measures it with Korean)."""
    from .biased import GRAMMAR_MIN_CONFIDENCE, GrammarFirstFactory
    from .vosk_engine import VoskFactory, vosk_grammar_for

    grammar = VoskFactory(model=factory.model, model_dir=factory.model_dir, description=factory.description,
                          grammar=vosk_grammar_for(factory.model, sentences))
    return GrammarFirstFactory(grammar, factory, GRAMMAR_MIN_CONFIDENCE["vosk"], sentences,
                               whole_sentences_only=True)


def _grammar_sentences(options: RecogniserOptions) -> list[str]:
    """The OS's sentences for a grammar, when asked for and not already restricted to phrases.
    English only: the registry's sentences are English."""
    if not options.bias or options.user_names is None or options.phrases:
        return []
    if options.language.lower() not in ("en-us", "en"):
        return []
    from .grammar import registry_sentences

    return registry_sentences(options.user_names)


@dataclass(frozen=True)
class AutoChoice:
    """What `auto` comes to, found by looking for Vosk's model and Whisper's weights without loading them."""

    engine: str
    """"vosk", "whisper" or "pocketsphinx"."""
    vosk_model: Path | None = None
    """Vosk: the model folder (the one named, or found in Vosk's cache); None: downloaded as it loads."""
    not_vosk: str = ""
    """Whisper or pocketsphinx: why not Vosk."""
    not_whisper: str = ""
    """Pocketsphinx: why not Whisper either."""

    @property
    def note(self) -> str:
        """The end of the description: why `auto` came to this engine ("" for Vosk)."""
        if self.engine == "vosk":
            return ""
        return f"; fell back from vosk: {self.not_vosk}" + (
            f"; and from whisper: {self.not_whisper}" if self.not_whisper else "")

    def log(self) -> None:
        """Say once, at start, what `auto` fell back to, why, and how to get Vosk."""
        if self.engine == "vosk":
            return
        _LOG.warning("speech recognition falls back to %s: %s%s (for Vosk: pass --vosk-model DIR with a model "
                     "from the Vosk models page, or let the English one download)", self.engine, self.not_vosk,
                     f"; and Whisper cannot run: {self.not_whisper}" if self.not_whisper else "")


def choose_auto(options: RecogniserOptions) -> AutoChoice:
    """Vosk when a model is at hand (given, cached, or to be fetched: the model server answers
    within two seconds), otherwise Whisper when it can run here (`whisper_unusable`), otherwise
    pocketsphinx, and why. Looks once; loads nothing."""
    from .vosk_engine import find_cached_vosk_model, import_vosk, vosk_server_reachable

    if options.vosk_model is not None:  # a model the user named must load, or we say why
        return AutoChoice("vosk", options.vosk_model)
    language = options.language
    try:
        cache = [options.vosk_cache_dir] if options.vosk_cache_dir is not None else None
        cached = find_cached_vosk_model(language, cache)
        if cached is not None:
            return AutoChoice("vosk", cached)
        reason = f"no Vosk {language} model in Vosk's cache"
        if options.allow_download and language == "en-us":
            url = options.vosk_model_url or import_vosk().MODEL_PRE_URL
            if vosk_server_reachable(url, _VOSK_REACHABILITY_TIMEOUT_S):
                return AutoChoice("vosk")
            reason += " and the Vosk model server cannot be reached"
        elif language == "en-us":
            reason += " and downloading is switched off"
    except ModelUnavailableError as err:
        reason = str(err)
    return _without_vosk(options, reason)


def _without_vosk(options: RecogniserOptions, not_vosk: str) -> AutoChoice:
    """Whisper, else pocketsphinx (the last fallback: bundled, always there)."""
    not_whisper = whisper_unusable(options)
    return AutoChoice("whisper" if not_whisper is None else "pocketsphinx", not_vosk=not_vosk,
                      not_whisper=not_whisper or "")


_WHISPER_PACKAGES = ("faster_whisper", "ctranslate2")
"""What Whisper needs installed, found without importing (a third of a second) in the host."""


def whisper_unusable(options: RecogniserOptions) -> str | None:
    """Why Whisper tiny.en cannot serve `options` here, or None: it is English only and not
    restricted to phrases, faster-whisper must be installed and the packaged weights must match
    their pinned SHA-256 (checked as loading checks them, ~0.1 s). Loads nothing."""
    import importlib.util

    from . import whisper_engine

    refused = _whisper_refusal(options)
    if refused:
        return refused
    missing = [name for name in _WHISPER_PACKAGES if importlib.util.find_spec(name) is None]
    if missing:
        return f"{', '.join(missing)} is not installed; 'pip install faster-whisper'"
    try:
        whisper_engine.verify_model_dir(whisper_engine.packaged_model_dir())
    except ModelUnavailableError as err:
        return _whisper_trouble(err)
    return None


def _whisper_trouble(err: ModelUnavailableError) -> str:
    return str(err).removesuffix(", or use --asr auto")  # advice for `--asr whisper`; `auto` is here already


def auto_summary(allow_download: bool) -> str:
    """What `auto` comes to here, for `earpiece config check`: Vosk's cache and Whisper's weights
    are looked at, the model server is not (`earpiece serve` asks it when it starts)."""
    chosen = choose_auto(RecogniserOptions(allow_download=False))
    if chosen.engine == "vosk":
        return f"auto: Vosk with the model in {chosen.vosk_model}"
    if not allow_download:
        return f"auto: {chosen.engine}{chosen.note}"
    also = f" (and not Whisper: {chosen.not_whisper})" if chosen.not_whisper else ""
    return (f"auto: no Vosk English model in Vosk's cache; `earpiece serve` downloads it when Vosk's model "
            f"server answers, else uses {chosen.engine}{also}")


def _whisper_refusal(options: RecogniserOptions) -> str | None:
    if options.phrases:
        return "Whisper cannot be restricted to phrases; use --asr vosk or pocketsphinx"
    if options.language.lower() not in ("en-us", "en"):
        return (f"Whisper tiny.en knows only English, not {options.language!r}; "
                "use --asr vosk with a Vosk model for that language")
    return None


def _auto(options: RecogniserOptions) -> RecogniserFactory:
    """`auto`'s engine (`options.auto_choice`, else `choose_auto`'s), loaded; a cached or downloaded
    Vosk model that fails to load falls back to Whisper, then pocketsphinx, as does a Whisper that
    fails to load, and the description says why. (Under `earpiece serve` a Vosk that fails here
    leaves Whisper in the host: where the engine runs was settled by `choose_engine`.)"""
    from .vosk_engine import download_vosk_model, vosk_factory

    chosen = options.auto_choice
    if chosen is None:  # (else `choose_engine` looked, and said so)
        chosen = choose_auto(options)
        chosen.log()
    if chosen.engine == "vosk":
        if options.vosk_model is not None:  # a model the user named must load, or we say why
            return _with_vosk_grammar(vosk_factory(options.vosk_model, options.phrases), options)
        try:
            model = chosen.vosk_model or download_vosk_model(cache_dir=options.vosk_cache_dir,
                                                             model_url=options.vosk_model_url)
            return _with_vosk_grammar(vosk_factory(model, options.phrases), options)
        except ModelUnavailableError as err:
            chosen = _without_vosk(options, str(err))
        chosen.log()
    if chosen.engine == "whisper":
        try:
            return _whisper(replace(options, note=chosen.note))
        except ModelUnavailableError as err:
            chosen = AutoChoice("pocketsphinx", not_vosk=chosen.not_vosk, not_whisper=_whisper_trouble(err))
            chosen.log()
    return _pocketsphinx(options, note=chosen.note)


def _whisper(options: RecogniserOptions) -> RecogniserFactory:
    """Whisper tiny.en, decoding at the pauses in the voice."""
    from .bias import PROMPT_SENTENCES
    from .whisper_engine import WhisperFactory

    refused = _whisper_refusal(options)
    if refused:
        raise ModelUnavailableError(refused)
    names = options.user_names.all() if options.user_names is not None else options.names
    tuning = {"tuning": options.whisper_tuning} if options.whisper_tuning is not None else {}
    factory = WhisperFactory(prompt=whisper_bias_prompt(names, PROMPT_SENTENCES), **tuning)
    factory.description += options.note
    if not options.bias or options.user_names is None:
        return factory
    return snapped_to_os(factory, options.user_names, options.understands)


def snapped_to_os(factory: SecondOpinionFactory, user_names: UserNames,
                  understands: Callable[[str], bool] | None) -> RecogniserFactory:
    """Whisper's transcripts snapped to a near OS sentence, else the n-best reading the OS
    understands, else (final) the OS sentence that sounds nearest (biased.py, phones.py). Apart
    from `_whisper` so that it can wrap Whisper in a worker process: `understands` asks the OS,
    which lives in the host."""
    from .biased import RESCUE_BY_SOUND_MAX_DISTANCE, SNAP_MAX_DISTANCE, SnappingFactory
    from .grammar import Snapper, registry_sentences
    from .phones import PhoneSnapper

    sentences = registry_sentences(user_names)
    return SnappingFactory(factory, Snapper(sentences), SNAP_MAX_DISTANCE, len(sentences), understands,
                           RESCUE_BY_SOUND_MAX_DISTANCE,
                           PhoneSnapper(sentences, within=RESCUE_BY_SOUND_MAX_DISTANCE))



def whisper_bias_prompt(names: Sequence[str], sentences: Sequence[str]) -> str:
    """"Samantha. Set timer 5 minutes. Add eggs shopping list. ...": what Whisper should expect."""
    named = ", ".join(dict.fromkeys(n.strip() for n in names if n.strip()))
    said = " ".join(s.strip().rstrip(".?!").capitalize() + "." for s in sentences if s.strip())
    return " ".join(p for p in (f"{named}." if named else "", said) if p)


RECOGNISERS: dict[str, Callable[[RecogniserOptions], RecogniserFactory]] = {
    "auto": _auto,
    "vosk": _vosk,
    "pocketsphinx": _pocketsphinx,
    "whisper": _whisper,
}
"""Engine name (as in `--asr`) -> loader. The order is the order the names are offered in."""


def load_recogniser_factory(engine: str = "auto", *, vosk_model: Path | None = None, language: str = "en-us",
                            phrases: Sequence[str] | None = None, allow_download: bool = True,
                            vosk_cache_dir: Path | None = None,
                            vosk_model_url: str | None = None,
                            names: Sequence[str] = ("Samantha",), user_names: UserNames | None = None,
                            bias: bool = True, whisper_tuning=None,
                            understands: Callable[[str], bool] | None = None, note: str = "",
                            auto_choice: AutoChoice | None = None) -> RecogniserFactory:
    """Load the recogniser model once.

    engine "vosk": `vosk_model`, else Vosk's cache, else Vosk's downloader (when allowed).
    engine "pocketsphinx": the bundled English model.
    engine "whisper": Whisper tiny.en, decoded at each pause in the voice (no Vosk, no pocketsphinx).
    engine "auto": Vosk when its model is at hand, otherwise Whisper when it can run here,
    otherwise pocketsphinx (see `_auto`); `auto_choice` (`ChosenEngine.auto`): what was found.
    `phrases` restricts recognition to those phrases (Vosk: plus "[unk]" for anything else; pocketsphinx:
    nothing else is heard): far better on the phrases, deaf to other speech. For confirmations and
    commands, not for conversation.
    `vosk_cache_dir` and `vosk_model_url` override Vosk's own cache folders and model server.
    `names` (the persona's, the user's lists and contacts) bias Whisper towards them.
    `user_names` (with `bias`): recognition is biased to the OS's sentences with these names
    (biased.py): Vosk and pocketsphinx run a grammar beside open vocabulary, Whisper's transcript
    is snapped to a near sentence, or else replaced by the n-best reading that `understands` (the
    OS's Engine.looks_complete) takes for a complete request. Without it, open vocabulary only.
    `note` ends the description (`ChosenEngine.note`: why `auto` came to Whisper or pocketsphinx).
    """
    load = RECOGNISERS.get(engine)
    if load is None:
        raise ValueError(f"unknown speech recogniser {engine!r}; choose {_names(RECOGNISERS)}")
    return load(RecogniserOptions(vosk_model=vosk_model, language=language, phrases=tuple(phrases or ()),
                                  allow_download=allow_download, vosk_cache_dir=vosk_cache_dir,
                                  vosk_model_url=vosk_model_url, names=tuple(names), user_names=user_names,
                                  bias=bias, understands=understands, whisper_tuning=whisper_tuning,
                                  note=note, auto_choice=auto_choice))


@dataclass(frozen=True)
class ChosenEngine:
    """The engine an `--asr` name comes to, known before any model loads (`choose_engine`)."""

    name: str
    """"vosk", "pocketsphinx" or "whisper": never "auto"."""
    auto: AutoChoice | None = None
    """`auto`: what was found (for `load_recogniser_factory(auto_choice=)`: the loader looks no more)."""

    @property
    def note(self) -> str:
        """Why `auto` fell back to Whisper or pocketsphinx (for the description: `load_recogniser_factory(note=)`)."""
        return self.auto.note if self.auto is not None else ""

    @property
    def in_worker_processes(self) -> bool:
        return runs_in_worker_processes(self.name)


def runs_in_worker_processes(engine: str) -> bool:
    """Does this engine run in worker processes under `earpiece serve`? (It holds the GIL while it
    decodes: recogniser_process.ISOLATED_ENGINES.) Asked before loading, so that the model loads
    once, in the workers, and not in the host as well."""
    from .recogniser_process import ISOLATED_ENGINES

    return engine in ISOLATED_ENGINES


def choose_engine(engine: str = "auto", *, vosk_model: Path | None = None, language: str = "en-us",
                  allow_download: bool = True, vosk_cache_dir: Path | None = None,
                  vosk_model_url: str | None = None) -> ChosenEngine:
    """The engine `engine` names; `auto` resolved by looking for the Vosk model and Whisper's
    weights (`choose_auto`), without loading them. A fallback is logged here, once."""
    if engine not in RECOGNISERS:
        raise ValueError(f"unknown speech recogniser {engine!r}; choose {_names(RECOGNISERS)}")
    if engine != "auto":
        return ChosenEngine(engine)
    chosen = choose_auto(RecogniserOptions(vosk_model=vosk_model, language=language, allow_download=allow_download,
                                           vosk_cache_dir=vosk_cache_dir, vosk_model_url=vosk_model_url))
    chosen.log()
    return ChosenEngine(chosen.engine, auto=chosen)


def _names(table: dict[str, object]) -> str:
    names = list(table)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _locate_vosk_model(options: RecogniserOptions) -> Path:
    from .vosk_engine import VOSK_ENGLISH_MODEL, download_vosk_model, find_cached_vosk_model

    if options.vosk_model is not None:
        return options.vosk_model
    language, cache_dir = options.language, options.vosk_cache_dir
    cached = find_cached_vosk_model(language, [cache_dir] if cache_dir is not None else None)
    if cached is not None:
        return cached
    if language != "en-us":
        raise ModelUnavailableError(
            f"no Vosk {language} model in Vosk's cache; download one from the Vosk models page and "
            "pass --vosk-model DIR")
    if not options.allow_download:
        raise ModelUnavailableError(
            f"no Vosk English model in Vosk's cache and downloading is switched off; download "
            f"{VOSK_ENGLISH_MODEL} on a connected machine from the Vosk models page and pass --vosk-model DIR, "
            "or use --asr pocketsphinx")
    return download_vosk_model(cache_dir=cache_dir, model_url=options.vosk_model_url)
