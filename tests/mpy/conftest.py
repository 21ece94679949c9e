"""The scripts in this folder run under MicroPython (started by tests/test_firmware_*.py), not
under pytest: keep pytest from collecting them."""

collect_ignore_glob = ["*.py"]
