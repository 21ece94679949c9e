"""`earpiece image`: the single flashable image, checked without a board.

No official MicroPython binary can be downloaded here, so each test builds a small but valid stand-in:
a real ESP bootloader image (built by esptool's own image classes, with checksum and SHA-256), a real
binary partition table written per the ESP-IDF format (32-byte entries and an MD5 row, constructed
here independently of the parser under test), and an app image carrying a MicroPython banner.
"""

from __future__ import annotations

import hashlib
import json
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from esptool.bin_image import ESP32FirmwareImage, ESP32S3FirmwareImage, ImageSegment

from earpiece_tools import image as image_mod
from earpiece_tools.image import (FLASH_OFFSET, ImageError, build_image, compile_firmware, main,
                                  read_filesystem)

REPO = Path(__file__).resolve().parents[1]
MPY_CROSS_BANNER = "MicroPython v1.29.0 on 2026-01-01; ESP32 module with ESP32"


def esp_image(chip: str, load_addr: int, payload: bytes) -> bytes:
    """A real ESP image (header, one segment, checksum, SHA-256) as esptool writes it."""
    cls = {"esp32": ESP32FirmwareImage, "esp32s3": ESP32S3FirmwareImage}[chip]
    img = cls()
    img.entrypoint = load_addr
    segment = ImageSegment(load_addr, payload)
    segment.name = ".iram0.text"
    img.segments = [segment]
    data = img.save(None)
    assert data is not None
    return data


def partition_table(rows: list[tuple[str, int, int, int, int]]) -> bytes:
    """ESP-IDF binary partition table: entries (magic AA 50), an MD5 row (EB EB), 0xFF padding."""
    body = b"".join(
        struct.pack("<2sBBII16sI", b"\xaa\x50", ptype, subtype, offset, size,
                    label.encode().ljust(16, b"\x00"), 0)
        for label, ptype, subtype, offset, size in rows
    )
    md5_row = b"\xeb\xeb" + b"\xff" * 14 + hashlib.md5(body).digest()
    return (body + md5_row).ljust(0xC00, b"\xff")


def make_micropython_bin(chip: str, vfs_offset: int = 0x50000, vfs_size: int = 0x40000,
                         banner: str = MPY_CROSS_BANNER) -> bytes:
    """A MicroPython-like merged .bin as published: bootloader, partition table, app; from FLASH_OFFSET."""
    base = FLASH_OFFSET[chip]
    load = 0x40080400 if chip == "esp32" else 0x403C8000
    bootloader = esp_image(chip, load, bytes(range(256)) * 8)
    app = esp_image(chip, 0x400D0020 if chip == "esp32" else 0x42000020,
                    banner.encode() + b"\x00" * (4096 - len(banner)))
    table = partition_table([
        ("nvs", 0x01, 0x02, 0x9000, 0x6000),
        ("phy_init", 0x01, 0x01, 0xF000, 0x1000),
        ("factory", 0x00, 0x00, 0x10000, vfs_offset - 0x10000),
        ("vfs", 0x01, 0x81, vfs_offset, vfs_size),
    ])
    out = bytearray(b"\xff" * (0x10000 - base))
    out[0:len(bootloader)] = bootloader
    out[0x8000 - base:0x8000 - base + len(table)] = table
    return bytes(out) + app


@pytest.fixture()
def firmware_dir(tmp_path: Path) -> Path:
    """A small firmware tree: boot.py and main.py stay source, the rest compiles to .mpy."""
    src = tmp_path / "firmware"
    (src / "drivers").mkdir(parents=True)
    (src / "boot.py").write_text("# boot\n")
    (src / "main.py").write_text("import app\napp.run()\n")
    (src / "app.py").write_text("def run():\n    return 42\n")
    (src / "drivers" / "__init__.py").write_text("")
    (src / "drivers" / "mic.py").write_text("RATE_HZ = 16000\n")
    (src / "main_unix.py").write_text("# the virtual earpiece's entry point: never on the device\n")
    return src


@pytest.mark.parametrize("chip", ["esp32", "esp32s3"])
def test_image_holds_micropython_at_its_offset_and_every_file_byte_for_byte(chip, tmp_path, firmware_dir):
    mp_bin = make_micropython_bin(chip)
    (tmp_path / "mp.bin").write_bytes(mp_bin)
    out = tmp_path / "earpiece.bin"
    assert main(["--chip", chip, "--micropython", str(tmp_path / "mp.bin"), "-o", str(out),
                 "--firmware", str(firmware_dir)]) == 0
    data = out.read_bytes()
    # The file starts at the chip's flash offset, so MicroPython is its first bytes, unchanged.
    assert data[:len(mp_bin)] == mp_bin
    assert set(data[len(mp_bin):0x50000 - FLASH_OFFSET[chip]]) == {0xFF}
    assert len(data) == 0x50000 + 0x40000 - FLASH_OFFSET[chip]

    files = read_filesystem(data, 0x50000 - FLASH_OFFSET[chip], 0x40000)
    assert sorted(files) == ["app.mpy", "boot.py", "config.json", "drivers/__init__.mpy",
                             "drivers/mic.mpy", "main.py"]
    assert files["main.py"] == (firmware_dir / "main.py").read_bytes()
    assert files["boot.py"] == (firmware_dir / "boot.py").read_bytes()
    expected = compile_firmware(firmware_dir, chip)
    for name, content in expected.items():
        assert files[name] == content, name
    assert files["app.mpy"][:2] == b"M\x06"
    config = json.loads(files["config.json"])
    assert config["board"] == chip and config["pins"]["battery_adc"] in (1, 35)


@pytest.mark.parametrize("chip,name", [("esp32", "ESP32"), ("esp32s3", "ESP32-S3")])
def test_esptool_image_info_accepts_the_image(chip, name, tmp_path, firmware_dir):
    (tmp_path / "mp.bin").write_bytes(make_micropython_bin(chip))
    out = tmp_path / "earpiece.bin"
    assert main(["--chip", chip, "--micropython", str(tmp_path / "mp.bin"), "-o", str(out),
                 "--firmware", str(firmware_dir)]) == 0
    proc = subprocess.run([sys.executable, "-m", "esptool", "image-info", str(out)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"Detected image type: {name}" in proc.stdout
    assert "Checksum:" in proc.stdout and "(valid)" in proc.stdout and "invalid" not in proc.stdout


def test_partition_offset_comes_from_the_binary_not_a_constant(tmp_path, firmware_dir):
    mp_bin = make_micropython_bin("esp32s3", vfs_offset=0x60000, vfs_size=0x20000)
    files = compile_firmware(firmware_dir, "esp32s3")
    built = build_image(mp_bin, "esp32s3", files)
    assert built.vfs.offset == 0x60000 and built.vfs.size == 0x20000
    assert read_filesystem(built.data, 0x60000, 0x20000) == files


def test_real_micropython_mounts_the_filesystem(tmp_path, firmware_dir):
    """The littlefs region mounts with MicroPython's own VfsLfs2 (the unix port), as on the device."""
    built = build_image(make_micropython_bin("esp32"), "esp32", {"main.py": b"print('hi')\n",
                                                                  "lib/x.mpy": b"M\x06abc"})
    fs_file = tmp_path / "vfs.img"
    fs_file.write_bytes(built.data[built.vfs.offset - 0x1000:])
    script = tmp_path / "mount.py"
    script.write_text(
        "import vfs, os\n"
        "class Dev:\n"
        "    def __init__(self, path, count):\n"
        "        self.f = open(path, 'rb'); self.count = count\n"
        "    def readblocks(self, n, buf, off=0):\n"
        "        self.f.seek(n * 4096 + off); self.f.readinto(buf)\n"
        "    def writeblocks(self, n, buf, off=None):\n"
        "        raise OSError(30)\n"
        "    def ioctl(self, op, arg):\n"
        "        if op == 4: return self.count\n"
        "        if op == 5: return 4096\n"
        "        return 0\n"
        f"vfs.mount(vfs.VfsLfs2(Dev({str(fs_file)!r}, {built.vfs.size // 4096}), readsize=32, progsize=32,"
        " lookahead=32), '/flash', readonly=True)\n"
        "print(sorted(os.listdir('/flash')), sorted(os.listdir('/flash/lib')))\n"
        "print(open('/flash/main.py').read())\n"
    )
    micropython = Path(sys.executable).with_name("micropython")
    proc = subprocess.run([str(micropython), str(script)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "['lib', 'main.py'] ['x.mpy']" in proc.stdout
    assert "print('hi')" in proc.stdout


def test_wrong_chip_binary_is_refused_with_what_to_do(tmp_path, firmware_dir):
    (tmp_path / "mp.bin").write_bytes(make_micropython_bin("esp32s3"))
    with pytest.raises(ImageError, match="built for esp32s3, not esp32.*--chip esp32s3"):
        build_image((tmp_path / "mp.bin").read_bytes(), "esp32", {})


def test_not_a_firmware_file_is_refused(tmp_path, capsys):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"hello" * 100)
    assert main(["--chip", "esp32", "--micropython", str(junk), "-o", str(tmp_path / "o.bin"),
                 "--firmware", str(REPO / "firmware")]) == 1
    assert "does not start with an ESP image header" in capsys.readouterr().err


def test_corrupt_partition_table_is_refused():
    mp_bin = bytearray(make_micropython_bin("esp32s3"))
    mp_bin[0x8000 + 40] ^= 0xFF  # inside the first entry's label: the MD5 row no longer matches
    with pytest.raises(ImageError, match="MD5 does not match"):
        build_image(bytes(mp_bin), "esp32s3", {})


def test_mpy_version_mismatch_is_refused_only_where_micropython_would_refuse(tmp_path):
    """Native (viper) code needs the exact sub-version; bytecode only needs the same major version."""
    src = tmp_path / "fw"
    src.mkdir()
    (src / "fast.py").write_text("@micropython.viper\ndef f(x: int) -> int:\n    return x + 1\n")
    (src / "plain.py").write_text("X = 1\n")
    native = compile_firmware(src, "esp32")
    bytecode = {"plain.mpy": native["plain.mpy"]}
    old = make_micropython_bin("esp32", banner="MicroPython v1.21.0 on 2023-10-05; ESP32 module")
    with pytest.raises(ImageError, match=r"fast\.mpy is \.mpy v6\.3, but MicroPython v1\.21\.0 loads \.mpy v6\.1"):
        image_mod.check_mpy_matches(old, native)
    image_mod.check_mpy_matches(old, bytecode)
    image_mod.check_mpy_matches(make_micropython_bin("esp32"), native)  # 1.29: same sub-version
    ancient = make_micropython_bin("esp32", banner="MicroPython v1.18 on 2022-01-17; ESP32 module")
    with pytest.raises(ImageError, match="loads .mpy v5.0"):
        image_mod.check_mpy_matches(ancient, bytecode)


def test_repository_firmware_compiles_for_both_chips():
    """The real firmware tree compiles with mpy-cross for the chips' architecture."""
    if not any((REPO / "firmware").glob("*.py")):
        pytest.skip("no firmware sources yet")
    for chip in ("esp32", "esp32s3"):
        files = compile_firmware(REPO / "firmware", chip)
        assert all(name.endswith(".mpy") or name in ("boot.py", "main.py") for name in files)


def test_firmware_too_big_for_the_partition_is_refused():
    mp_bin = make_micropython_bin("esp32", vfs_offset=0x50000, vfs_size=0x8000)  # 8 blocks
    with pytest.raises(ImageError, match="does not fit"):
        build_image(mp_bin, "esp32", {"big.bin": bytes(64 * 1024)})
