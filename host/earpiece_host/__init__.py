"""The earpiece host service: links to earpieces, speech in and out, and the OS that answers."""

__version__ = "0.1.0"
