"""Entry point of the virtual earpiece (MicroPython unix port).

micropython main_unix.py --connect tcp://127.0.0.1:7700 --mic in.wav --speaker out.wav
    [--timeline t.bin] [--buttons 0.5:tap,3.0:hold,4.2:release | --buttons-file FILE] [--device-id ID]
    [--exit-when mic-done-and-idle|never] [--duration-s S] [--listen-at-start]
    [--hands-free] [--battery-mv MV] [--fail-at-s S] [--config PATH]
    [--codecs pcm16,adpcm] [--echo-path DELAY_MS,GAIN_DB]

--hands-free: the energy gate opens turns on voice (source 2) with a 300 ms pre-roll.
--buttons-file: the same script read from a file (commas or lines), for scripts too long for
    an argument (the unix port takes at most 255 bytes in one).
--max-utterance-s: a voice turn the host never ends is ended by the device (default 10).
--battery-mv: what the battery monitor reads (default 0: unknown).
--fail-at-s: raise one exception inside the loop at S seconds (tests the global handler).
--codecs: the audio codecs HELLO offers, comma-separated (default pcm16,adpcm; the host chooses
one in WELCOME); --codecs pcm16 is an earpiece from before IMA ADPCM.
--echo-path: the speaker is heard by the microphone DELAY_MS later at GAIN_DB through a small
room (echo_path_unix.py): for testing voice barge-in and the host's echo cancellation.
--config: the device's config.json (read at start, written by provisioning; a serial:// link
counts as USB). Its device_id, pairing_key, volume_pct and hands_free apply unless given on
the command line.
The pairing key (32 hex characters shared with the host by `earpiece devices pair`) comes from
the environment variable EARPIECE_PAIRING_KEY, else from --config; never from the command line,
which other users can read. Without a key the earpiece talks to no host (docs/protocol.md
section 6).

At exit it prints `peak heap: N bytes` and one JSON line of counters (prefixed `summary: `).
"""
import gc

gc.collect()
# The largest buffers first, into the empty heap: the playback ring (320 ms, which the
# hands-free pre-roll shares) and the link's rx (two frames) and tx (one frame) buffers.
# Allocated after the code is loaded, they may find no room in one piece even with enough
# free memory in total.
BUFFERS = (bytearray(320 * 32), bytearray(2 * 2061), bytearray(2061), bytearray(512),
           bytearray(640), bytearray(640))  # as app.allocate_buffers(320), before app loads
# Collect often while the code loads: loading leaves garbage between the code it keeps, and a
# heap collected only when full ends up in pieces of a few hundred bytes (measured: the largest
# free piece 0.3 KB by default, 6 KB with this).
gc.threshold(4096)

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import app as A  # noqa: E402
import state_machine as SM  # noqa: E402
from board_unix import BoardSetupError, UnixBoard  # noqa: E402

gc.threshold(-1)

USAGE = ("usage: main_unix.py --connect tcp://HOST:PORT|serial:///dev/pts/N [--mic WAV] "
         "[--speaker WAV] [--timeline FILE] [--buttons T:EV,...|--buttons-file FILE] [--device-id ID] "
         "[--exit-when mic-done-and-idle|never] [--duration-s S] [--listen-at-start] "
         "[--hands-free] [--battery-mv MV] [--fail-at-s S] [--config PATH] "
         "[--max-utterance-s S] [--codecs pcm16,adpcm] [--echo-path DELAY_MS,GAIN_DB]")

_FLAGS_WITH_VALUE = ("--connect", "--mic", "--speaker", "--timeline", "--buttons", "--buttons-file",
                     "--device-id", "--exit-when", "--duration-s", "--battery-mv",
                     "--fail-at-s", "--config", "--max-utterance-s", "--codecs", "--echo-path")


_CODECS = {"pcm16": 1, "adpcm": 2}  # protocol.CODEC_PCM16, CODEC_IMA_ADPCM


class UsageError(ValueError):
    pass


def parse_args(argv: list) -> dict:
    opts = {"--exit-when": "mic-done-and-idle", "--device-id": "virtual-earpiece",
            "--listen-at-start": False, "--hands-free": False}
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--listen-at-start" or a == "--hands-free":
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
    codecs = 0
    for name in opts.get("--codecs", "pcm16,adpcm").split(","):
        if name not in _CODECS:
            raise UsageError("--codecs lists pcm16 and/or adpcm, e.g. pcm16,adpcm")
        codecs |= _CODECS[name]
    opts["codecs"] = codecs
    if "--buttons" in opts and "--buttons-file" in opts:
        raise UsageError("give --buttons or --buttons-file, not both")
    opts["explicit"] = [a for a in argv if a.startswith("--")]
    return opts


def button_script(opts: dict) -> str:
    """The scripted presses: --buttons, or the text of --buttons-file (commas or lines).

    A long script needs the file: the unix port interns each argument as a string whose length
    must fit in one byte, and one of 256 bytes or more stops it ("FATAL: uncaught NLR") before
    any of this code runs."""
    path = opts.get("--buttons-file")
    if path is None:
        return opts.get("--buttons", "")
    try:
        with open(path) as f:
            text = f.read()
    except OSError as e:
        raise BoardSetupError("cannot read the button script " + path + " (" + str(e) + ")")
    return text.replace("\n", ",")


def _app_config(opts: dict, settings: dict, listen_at_start: bool) -> A.Config:
    """The loop's config: command-line options first, then config.json, then defaults."""
    device_id = opts["--device-id"]
    if "--device-id" not in opts["explicit"] and settings.get("device_id"):
        device_id = settings["device_id"]
    key = os.getenv("EARPIECE_PAIRING_KEY") or settings.get("pairing_key") or ""
    return A.Config(device_id=device_id, pairing_key=key, listen_at_start=listen_at_start,
                    hands_free=opts["--hands-free"] or settings.get("hands_free", False),
                    volume_pct=settings.get("volume_pct", 100),
                    max_utterance_ms=int(float(opts.get("--max-utterance-s", "10")) * 1000),
                    codecs=opts["codecs"])


def _log(message: str) -> None:
    sys.stderr.write("earpiece: " + message + "\n")


def _provisioner(opts: dict):
    """Settings and provisioning from --config (None without it); before the board allocates
    its buffers, so the validator's brief visit to the heap finds room."""
    if "--config" not in opts:
        return None
    try:
        from provision import Provisioner, load_settings, report
        settings, messages, _, _ = load_settings(opts["--config"])
    except MemoryError:
        raise BoardSetupError("not enough heap to check --config; give the sim a larger heap "
                              "(128K): the validator shares it with the audio buffers")
    report(messages, _log)
    return Provisioner(opts["--config"], settings, opts["--connect"].startswith("serial://"),
                       opts["--device-id"])


def _echo_path(spec: str):
    """"40,-10" -> an EchoPath with a 40 ms delay at -10 dB."""
    parts = spec.split(",")
    if len(parts) != 2:
        raise ValueError("write DELAY_MS,GAIN_DB, e.g. 40,-10")
    try:
        delay_ms = int(parts[0])
        gain_db = float(parts[1])
    except ValueError:
        raise ValueError("write DELAY_MS,GAIN_DB as numbers, e.g. 40,-10")
    from echo_path_unix import EchoPath
    return EchoPath(delay_ms, gain_db)


def _finished(app: A.App, board: UnixBoard, exit_when: str) -> bool:
    if exit_when != "mic-done-and-idle":
        return False
    if app.state == SM.ERROR and not app.link_up:
        return True  # the host refused us (its ERROR was logged): retrying will not help
    if not board.mic_done() or not board.buttons_done():
        return False
    if app.state == SM.IDLE:
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
        battery_mv = int(opts.get("--battery-mv", "0"))
        fail_at_ms = int(float(opts.get("--fail-at-s", "-1")) * 1000)
        float(opts.get("--max-utterance-s", "10"))
    except ValueError:
        sys.stderr.write("--battery-mv, --fail-at-s and --max-utterance-s take numbers\n"
                         + USAGE + "\n")
        return 2
    try:
        prov = _provisioner(opts)
    except BoardSetupError as e:
        sys.stderr.write("earpiece: cannot start: " + str(e) + "\n")
        return 2
    gc.collect()
    try:
        board = UnixBoard(opts["--connect"], opts.get("--mic"), opts.get("--speaker"),
                          opts.get("--timeline"), button_script(opts),
                          opts["--device-id"], battery_mv, fail_at_ms)
    except (BoardSetupError, OSError) as e:
        sys.stderr.write("earpiece: cannot start: " + str(e) + "\n")
        return 2
    if "--echo-path" in opts:
        try:
            board.echo = _echo_path(opts["--echo-path"])
        except ValueError as e:
            sys.stderr.write("earpiece: cannot start: --echo-path: " + str(e) + "\n")
            return 2
    cfg = _app_config(opts, prov.settings if prov else {}, opts["--listen-at-start"])
    gc.collect()
    app = A.App(board, cfg, BUFFERS)
    app.provision = prov
    duration_ms = -1
    if "--duration-s" in opts:
        duration_ms = int(float(opts["--duration-s"]) * 1000)
    t0 = time.ticks_ms()
    exit_when = opts["--exit-when"]
    code = 0
    try:
        while True:
            if not app.step_guarded():
                sys.stderr.write("earpiece: errors keep coming; giving up (a board resets)\n")
                code = 4
                break
            if prov is not None and prov.restart_pending and not app.link_up:
                # provisioned, and the host ended the session: restart as a board would
                prov.restart_pending = False
                board.log("restarting with the new settings")
                app.close()
                app = A.App(board, _app_config(opts, prov.settings, False), BUFFERS)
                app.provision = prov
                prov.device_id = app.config.device_id
                continue
            if _finished(app, board, exit_when):
                break
            if duration_ms >= 0 and time.ticks_diff(time.ticks_ms(), t0) >= duration_ms:
                break
    except KeyboardInterrupt:
        pass
    if app.state == SM.ERROR and code == 0:
        code = 3
    app.close()
    board.close()
    app.track_heap()
    s = app.summary()
    s["mic_bytes_from_file"] = board.mic_bytes_from_file
    s["speaker_bytes"] = board.speaker_bytes
    s["led_changes"] = board.led_changes
    s["led_code"] = board.led_code
    print("peak heap: " + str(app.peak_heap_bytes) + " bytes")
    sys.stdout.write("summary: ")
    json.dump(s, sys.stdout)  # streamed: no string of the whole summary in a full heap
    sys.stdout.write("\n")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
