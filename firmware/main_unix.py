"""Entry point of the virtual earpiece (MicroPython unix port).

micropython main_unix.py --connect tcp://127.0.0.1:7700 --mic in.wav --speaker out.wav
    [--timeline t.bin] [--buttons 0.5:tap,3.0:hold,4.2:release] [--device-id ID]
    [--exit-when mic-done-and-idle|never] [--duration-s S] [--listen-at-start]

At exit it prints `peak heap: N bytes` and one JSON line of counters (prefixed `summary: `).
"""
import gc
import json
import sys
import time

import app as A
import device as D
from board_unix import BoardSetupError, UnixBoard

USAGE = ("usage: main_unix.py --connect tcp://HOST:PORT|serial:///dev/pts/N [--mic WAV] "
         "[--speaker WAV] [--timeline FILE] [--buttons T:EV,...] [--device-id ID] "
         "[--exit-when mic-done-and-idle|never] [--duration-s S] [--listen-at-start]")

_FLAGS_WITH_VALUE = ("--connect", "--mic", "--speaker", "--timeline", "--buttons",
                     "--device-id", "--exit-when", "--duration-s")


class UsageError(ValueError):
    pass


def parse_args(argv: list) -> dict:
    opts = {"--exit-when": "mic-done-and-idle", "--device-id": "virtual-earpiece",
            "--listen-at-start": False}
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--listen-at-start":
            opts[a] = True
            i += 1
        elif a in _FLAGS_WITH_VALUE:
            if i + 1 >= len(argv):
                raise UsageError(a + " needs a value")
            opts[a] = argv[i + 1]
            i += 2
        else:
            raise UsageError("unknown option " + a)
    if "--connect" not in opts:
        raise UsageError("--connect is required")
    if opts["--exit-when"] not in ("mic-done-and-idle", "never"):
        raise UsageError("--exit-when must be mic-done-and-idle or never")
    return opts


def _finished(app: A.App, board: UnixBoard, exit_when: str) -> bool:
    if exit_when != "mic-done-and-idle":
        return False
    if app.state == D.ERROR and not app.link_up:
        return True  # the host refused us (its ERROR was logged): retrying will not help
    if not board.mic_done() or not board.buttons_done():
        return False
    if app.state == D.IDLE:
        return True
    # the host ended the session (closed the link or said bye) after it had welcomed us
    return app.welcomes > 0 and not app.link_up


def main(argv: list) -> int:
    try:
        opts = parse_args(argv)
    except UsageError as e:
        sys.stderr.write(str(e) + "\n" + USAGE + "\n")
        return 2
    try:
        board = UnixBoard(opts["--connect"], opts.get("--mic"), opts.get("--speaker"),
                          opts.get("--timeline"), opts.get("--buttons", ""),
                          opts["--device-id"])
    except (BoardSetupError, OSError) as e:
        sys.stderr.write("earpiece: cannot start: " + str(e) + "\n")
        return 2
    cfg = A.Config(device_id=opts["--device-id"], listen_at_start=opts["--listen-at-start"])
    gc.collect()
    app = A.App(board, cfg)
    duration_ms = -1
    if "--duration-s" in opts:
        duration_ms = int(float(opts["--duration-s"]) * 1000)
    t0 = time.ticks_ms()
    exit_when = opts["--exit-when"]
    code = 0
    try:
        while True:
            app.step()
            if _finished(app, board, exit_when):
                break
            if duration_ms >= 0 and time.ticks_diff(time.ticks_ms(), t0) >= duration_ms:
                break
    except KeyboardInterrupt:
        pass
    if app.state == D.ERROR:
        code = 3
    app.close()
    board.close()
    app.track_heap()
    s = app.summary()
    s["mic_bytes_from_file"] = board.mic_bytes_from_file
    s["speaker_bytes"] = board.speaker_bytes
    print("peak heap: " + str(app.peak_heap_bytes) + " bytes")
    print("summary: " + json.dumps(s))
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
