"""The ``earpiece`` command: one entry point, one subcommand per job.

Argument parsing happens here and in each job's own ``main(argv)``; the jobs are imported lazily so
that ``earpiece ask`` does not load speech engines and ``earpiece flash`` does not load Piper.
"""

from __future__ import annotations

import sys
from importlib import import_module

# name -> (module, function, one-line description)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "serve": ("earpiece_host.service", "main", "run the host service for earpieces on Wi-Fi and USB"),
    "wyoming": ("earpiece_host.wyoming.cli", "main",
                "serve this host's recogniser, synthesiser and OS over Wyoming (Home Assistant)"),
    "demo": ("earpiece_tools.demo", "main", "a spoken exchange with the virtual earpiece"),
    "sim": ("earpiece_tools.sim", "main", "run the real firmware as a virtual earpiece"),
    "bench": ("earpiece_tools.bench", "main", "measure response latency with virtual earpieces"),
    "soak": ("earpiece_tools.soak", "main", "N virtual earpieces in conversation for M minutes"),
    "chat": ("earpiece_host.dialogue.cli", "chat_main", "talk to the OS in the console"),
    "ask": ("earpiece_host.dialogue.cli", "ask_main", "ask the OS one thing (or one per stdin line)"),
    "phrases": ("earpiece_host.dialogue.cli", "phrases_main", "intent and slot accuracy on the phrasing set"),
    "config": ("earpiece_host.config_cli", "main", "show, check and change the settings file (earpiece.toml)"),
    "flash": ("earpiece_tools.flash", "main", "flash MicroPython and the firmware onto a board"),
    "image": ("earpiece_tools.image", "main", "build one flashable image: MicroPython + firmware"),
    "provision": ("earpiece_tools.provision", "main", "set Wi-Fi, host and pairing key over USB"),
    "devices": ("earpiece_host.devices", "main", "pair, list and revoke earpieces"),
    "doctor": ("earpiece_tools.doctor", "main", "bring-up check of a board: mic, speaker, link, pins"),
}


def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = ["usage: earpiece COMMAND [options]   (earpiece COMMAND --help for its options)", "",
             "commands:"]
    lines += [f"  {name:<{width}}  {desc}" for name, (_, _, desc) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(usage())
        return 0
    if argv[0] in ("-V", "--version"):
        from . import __version__
        print(f"earpiece {__version__}")
        return 0
    entry = COMMANDS.get(argv[0])
    if entry is None:
        print(f"earpiece: unknown command '{argv[0]}'\n\n{usage()}", file=sys.stderr)
        return 2
    module, function, _ = entry
    try:
        job = getattr(import_module(module), function)
    except ModuleNotFoundError as err:
        print(f"earpiece {argv[0]}: not available in this installation ({err}); reinstall with "
              "'make demo' or 'pip install -e .'", file=sys.stderr)
        return 2
    try:
        return int(job(argv[1:]) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
