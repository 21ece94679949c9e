"""Fetching the official MicroPython build for a chip, checked by SHA-256, with a progress bar.

Only used when `earpiece flash` is given no --micropython file; offline, it says how to get the file
on another machine instead.
"""

from __future__ import annotations

import hashlib
import os
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

DOWNLOAD_TIMEOUT_S = 30.0
CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "earpiece" / "micropython"


class FetchError(Exception):
    """The MicroPython image could not be fetched or verified; the message says what to do."""


class Offline(FetchError):
    pass


@dataclass(frozen=True)
class OfficialImage:
    """A MicroPython release for a chip, as published on the MicroPython download page."""

    chip: str
    board: str
    variant: str  # "" for the board's standard build, e.g. "SPIRAM_OCT"
    version: str  # a release (X.Y.Z): previews are rebuilt nightly and cannot be pinned
    date: str
    sha256: str  # "" until pinned by someone who downloaded and checked the release

    @property
    def filename(self) -> str:
        variant = f"-{self.variant}" if self.variant else ""
        return f"{self.board}{variant}-{self.date}-v{self.version}.bin"

    @property
    def url(self) -> str:
        return f"https://micropython.org/resources/firmware/{self.filename}"

    @property
    def page(self) -> str:
        return f"https://micropython.org/download/{self.board}/"


#: The latest MicroPython release (v1.28.0, 2026-04-06; the unix port in the tests is a later 1.29
#: preview that loads the same .mpy version). The ESP32-S3 build is the Octal-SPIRAM variant: the
#: XIAO ESP32S3 (the reference board) has 8 MB of octal PSRAM, which the standard build leaves
#: unused, and MicroPython's SPIRAM builds boot on modules without PSRAM too. No checksum is pinned
#: yet: nobody on this project has downloaded these files, so fetching them needs
#: --allow-unpinned-download after comparing the SHA-256 printed with a copy you trust.
OFFICIAL_IMAGES: Mapping[str, OfficialImage] = {
    "esp32": OfficialImage("esp32", "ESP32_GENERIC", "", "1.28.0", "20260406", sha256=""),
    "esp32s3": OfficialImage("esp32s3", "ESP32_GENERIC_S3", "SPIRAM_OCT", "1.28.0", "20260406",
                             sha256=""),
}



def fetch_micropython(chip: str, allow_unpinned: bool = False, cache_dir: Path = CACHE_DIR,
                      url: str | None = None, progress: Callable[[int, int], None] | None = None) -> Path:
    """Download (or reuse from the cache) the official MicroPython build for chip, checked by SHA-256."""
    official = OFFICIAL_IMAGES[chip]
    url = url or official.url
    target = cache_dir / official.filename
    offline_hint = (f"on a connected machine download {official.url} (listed on {official.page}), "
                    "copy it here and run again with --micropython FILE.bin")
    if not target.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        try:
            with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_S) as response, \
                    partial.open("wb") as out:
                total = int(response.headers.get("Content-Length") or 0)
                done = 0
                while chunk := response.read(64 * 1024):
                    out.write(chunk)
                    done += len(chunk)
                    (progress or _progress_bar)(done, total)
            partial.replace(target)
        except (urllib.error.URLError, OSError, TimeoutError) as exc:
            partial.unlink(missing_ok=True)
            reason = getattr(exc, "reason", exc)
            raise Offline(f"cannot download MicroPython for {chip} ({reason}); {offline_hint}") from exc
        finally:
            print(file=sys.stderr)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    if official.sha256 and digest != official.sha256:
        target.unlink()
        raise FetchError(f"the downloaded {official.filename} has SHA-256 {digest}, expected {official.sha256}: "
                         f"the download is corrupt or altered; run again, or {offline_hint}")
    if not official.sha256 and not allow_unpinned:
        raise FetchError(f"downloaded {target} (SHA-256 {digest}), but this tool has no pinned checksum for "
                         f"{official.filename}: compare the SHA-256 with a copy you trust, then run again with "
                         f"--micropython {target} (or --allow-unpinned-download)")
    return target


def _progress_bar(done: int, total: int) -> None:
    if total:
        filled = done * 30 // total
        sys.stderr.write(f"\r  [{'#' * filled}{'.' * (30 - filled)}] {done / 2**20:5.1f}/{total / 2**20:.1f} MiB")
    else:
        sys.stderr.write(f"\r  {done / 2**20:5.1f} MiB")
    sys.stderr.flush()
