"""Child process that fetches a Vosk model with the vosk package's own downloader.

Run as `python -m earpiece_host.speech._vosk_download NAME`; prints the model directory as the last
line of stdout, or a one-line reason and a non-zero status. Kept out of the service process because
the downloader may call sys.exit() and has no timeout of its own.
"""

from __future__ import annotations

import argparse
import socket
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("name")
    parser.add_argument("--cache-dir", type=Path)
    parser.add_argument("--model-url", help="base address of the model server (default: vosk's own)")
    parser.add_argument("--stall-timeout-s", type=float, default=10.0)
    args = parser.parse_args(argv)

    # Every socket in this process (the model list request and the zip download) gives up after
    # this long without data; a slow but live download carries on.
    socket.setdefaulttimeout(args.stall_timeout_s)
    import requests.exceptions
    import vosk

    if args.model_url:
        vosk.MODEL_PRE_URL = args.model_url.rstrip("/") + "/"
        vosk.MODEL_LIST_URL = vosk.MODEL_PRE_URL + "model-list.json"
    if args.cache_dir:
        vosk.MODEL_DIRS = [args.cache_dir]

    class _DownloadOnly(vosk.Model):
        """Vosk's lookup and download without loading the model into this short-lived process."""

        def __init__(self) -> None:  # noqa: D107 - deliberately skips loading
            pass

        def __del__(self) -> None:
            pass

    try:
        path = _DownloadOnly().get_model_by_name(args.name)
    except SystemExit:
        print(f"the Vosk model server does not list a model called {args.name}")
        return 2
    except (OSError, requests.exceptions.RequestException) as err:
        print(f"the Vosk model server {vosk.MODEL_PRE_URL} cannot be reached: {type(err).__name__}")
        return 1
    except Exception as err:  # noqa: BLE001 - report any archive failure in one line
        print(f"{type(err).__name__}: {err}".replace("\n", " ")[:300])
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
