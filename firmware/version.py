"""The firmware version, sent in HELLO (the flasher reads it from here too)."""

VERSION = "0.1.0"
