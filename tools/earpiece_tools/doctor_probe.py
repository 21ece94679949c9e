# The part of `earpiece doctor` that runs ON the earpiece (MicroPython): sent over the raw REPL to
# a board, or run by the unix port for the virtual earpiece. It is not imported by CPython; the
# doctor reads it as text, prepends `ARGS = {...}` and sends it. It prints one line per result,
# "DOCTOR {json}", and for the link check a line "LINK frames bytes" followed by exactly that many
# bytes of frames (docs/protocol.md), which the doctor decodes itself. For the downlink it prints
# "DOWNLINK frames", the doctor then sends that many frames paced like a reply, and the probe
# reports what arrived.
# ARGS: config (path), mic / speaker (unix only: WAV paths), room_s, speech_s, link_frames,
# downlink_frames (0: no downlink check), link (unix only: serial://PTY the doctor writes the
# downlink to; without it a unix port reads the downlink from its console, as a board does),
# wifi (None, or [host, port] of the doctor's TCP listener: the same frames over Wi-Fi).
import gc
import json
import sys
import time

import micropython

try:
    ARGS  # type: ignore[used-before-def]  # noqa: F821 (prepended by the doctor)
except NameError:
    ARGS = {}
_CFG = ARGS.get("config", "/config.json")


def out(d):
    sys.stdout.write("DOCTOR " + json.dumps(d) + "\n")


@micropython.viper
def _peak_clip(buf: ptr16, n: int, res: ptr32):
    """res[0] = max(res[0], peak |sample|), res[1] += samples at or beyond +-32000."""
    peak = int(res[0])
    clip = int(res[1])
    i = 0
    while i < n:
        s = int(buf[i])
        if s & 0x8000:
            s = 0x10000 - s
        if s > peak:
            peak = s
        if s >= 32000:
            clip += 1
        i += 1
    res[0] = peak
    res[1] = clip


def system():
    import chip
    gc.collect()
    impl = sys.implementation
    out({"check": "system", "chip": chip.detect(), "platform": sys.platform,
         "micropython": ".".join(str(v) for v in impl.version[:3]),  # type: ignore[attr-defined]
         "machine": getattr(impl, "_machine", ""), "free_heap": gc.mem_free(),
         "heap": gc.mem_free() + gc.mem_alloc()})
    return chip.detect()


def pins(found):
    import config as C
    settings, messages = C.load(_CFG)
    eff = C.effective(settings)
    bad = C.validate({"board": eff["board"], "pins": eff["pins"]})
    out({"check": "pins", "board": eff["board"], "chip": found, "pins": eff["pins"],
         "problems": bad, "config_messages": messages, "link": C.link_uri(eff)})
    return eff


def make_board(eff, found):
    if sys.platform == "linux":
        from board_unix import UnixBoard
        return UnixBoard(ARGS.get("link") or "tcp://127.0.0.1:9", mic_path=ARGS.get("mic"),
                         speaker_path=ARGS.get("speaker"), battery_mv=ARGS.get("battery_mv", 0))
    from board_esp32 import Esp32Board
    return Esp32Board(link="usb", device_id="doctor", pins=eff["pins"],
                      led_active_low=eff["led_active_low"],
                      battery_divider_ratio=eff["battery_divider_ratio"], chip=found)


def listen(board, phase, seconds):
    """Mean |x|, peak and clipped samples over `seconds` of microphone."""
    from vad import mean_abs16
    out({"phase": phase, "seconds": seconds})
    time.sleep_ms(1500)  # time to read the instruction
    buf = bytearray(640)
    res = bytearray(8)
    frames = 0
    total = 0
    want = seconds * 50
    board.mic_start()
    t0 = time.ticks_ms()
    while frames < want and time.ticks_diff(time.ticks_ms(), t0) < seconds * 3000:
        if board.mic_readinto(buf) == 640:
            frames += 1
            total += mean_abs16(buf, 320)
            _peak_clip(buf, 320, res)
        else:
            time.sleep_ms(2)
    board.mic_stop()
    peak = res[0] | (res[1] << 8) | (res[2] << 16)
    clip = res[4] | (res[5] << 8) | (res[6] << 16)
    out({"check": "mic_" + phase, "frames": frames, "mean_abs": total // frames if frames else 0,
         "peak": peak, "clipped": clip, "overruns": getattr(board, "mic_overruns", 0)})


def speaker(board):
    """1 s of 1 kHz, then 2 s of a sweep from 200 Hz to 6 kHz, at about -12 dBFS."""
    import math
    out({"phase": "speaker", "seconds": 3})
    time.sleep_ms(1500)
    table = [int(8000 * math.sin(2 * math.pi * i / 256)) for i in range(256)]
    buf = bytearray(640)
    frames = 0
    phase = 0  # 16.16 fixed point, in table steps
    board.speaker_start()
    t0 = time.ticks_ms()
    while frames < 150 and time.ticks_diff(time.ticks_ms(), t0) < 9000:
        if not board.speaker_needs_frame():
            time.sleep_ms(2)
            continue
        f = 1000 if frames < 50 else 200 + (6000 - 200) * (frames - 50) // 100
        inc = f * 256 * 65536 // 16000
        for i in range(320):
            v = table[(phase >> 16) & 255]
            buf[2 * i] = v & 0xFF
            buf[2 * i + 1] = (v >> 8) & 0xFF
            phase += inc
        board.speaker_write(buf, 640)
        frames += 1
    board.speaker_stop(True)
    t1 = time.ticks_ms()
    while time.ticks_diff(time.ticks_ms(), t1) < 200:  # the amp drains the DMA, then switches off
        board.button_event()
        time.sleep_ms(10)
    out({"check": "speaker", "frames": frames, "underruns": getattr(board, "underruns", 0)})


def battery(board):
    out({"check": "battery", "battery_mv": board.battery_mv()})


def _frames():
    import protocol as P
    enc = P.Encoder()
    payload = bytearray(164)
    for i in range(164):
        payload[i] = (i * 37 + 3) & 0xFF  # includes 0x03, 0x04 and the sync bytes
    return P, enc, payload


def wifi(eff, host, port, n):
    """n frames to the doctor's listener over Wi-Fi (on the unix port: straight over TCP)."""
    P, enc, payload = _frames()
    rssi = 0
    if sys.platform != "linux":
        import network
        w = network.WLAN(network.STA_IF)
        w.active(True)
        if not w.isconnected():
            if not eff.get("wifi_ssid"):
                out({"check": "wifi", "error": "no wifi_ssid in config.json"})
                return
            w.connect(eff["wifi_ssid"], eff.get("wifi_password") or "")
            t0 = time.ticks_ms()
            while not w.isconnected() and time.ticks_diff(time.ticks_ms(), t0) < 20000:
                time.sleep_ms(100)
            if not w.isconnected():
                out({"check": "wifi", "error": "did not join '" + eff["wifi_ssid"]
                     + "' in 20 s (status " + str(w.status()) + ")"})
                return
        w.config(pm=w.PM_NONE)
        rssi = w.status("rssi")
    from tcp_link import TcpLink
    link = TcpLink(host, port)
    try:
        s = link.open()
    except OSError as e:
        out({"check": "wifi", "error": "cannot connect to " + host + ":" + str(port) + " ("
             + repr(e) + ")"})
        return
    s.setblocking(True)
    t0 = time.ticks_ms()
    for _ in range(n):
        enc.audio(P.MIC_AUDIO, payload, 164)
        s.write(memoryview(enc.buf)[:enc.frame_bytes])
    link.close()
    out({"check": "wifi", "sent": n, "ms": time.ticks_diff(time.ticks_ms(), t0), "rssi": rssi})


def link(n):
    """n MIC_AUDIO frames with ADPCM-sized payloads, as fast as the console takes them."""
    P, enc, payload = _frames()
    frame_bytes = P.HEADER_BYTES + 164 + P.TRAILER_BYTES
    sys.stdout.write("LINK " + str(n) + " " + str(n * frame_bytes) + "\n")
    w = sys.stdout.buffer  # type: ignore[attr-defined]
    t0 = time.ticks_ms()
    for _ in range(n):
        enc.audio(P.MIC_AUDIO, payload, 164)
        w.write(enc.buf, 0, enc.frame_bytes)
    out({"check": "link", "sent": n, "ms": time.ticks_diff(time.ticks_ms(), t0)})


def _console_reader():
    """(wait, readinto) over this port's console, one byte at a time while poll says one is
    there (a board's USB link reads it the same way: board_esp32._stdin_readinto)."""
    import select
    poll = select.poll()
    poll.register(sys.stdin, select.POLLIN)
    stream = sys.stdin.buffer  # type: ignore[attr-defined]
    one = bytearray(1)

    def wait(ms):
        return bool(poll.poll(ms))

    def readinto(buf, n):
        got = 0
        while got < n and poll.poll(0):
            if stream.readinto(one) != 1:
                break
            buf[got] = one[0]
            got += 1
        return got
    return wait, readinto


def downlink(board, n):
    """n SPEECH_AUDIO frames from the doctor, paced like a reply (13 at once, then one every
    20 ms), read through the link the firmware uses (the USB console on a board): how many
    arrived whole, how many were lost or corrupt, and at what rate."""
    import protocol as P
    micropython.kbd_intr(-1)  # 0x03 occurs in the frames
    if sys.platform == "linux" and not ARGS.get("link"):
        wait, readinto = _console_reader()
    elif board.link_open():
        wait, readinto = board.link_wait, board.link_readinto
    else:
        micropython.kbd_intr(3)
        out({"check": "downlink", "error": "the link did not open"})
        return
    dec = P.Decoder()
    chunk = bytearray(256)
    got = 0
    nbytes = 0
    t_first = -1
    t_last = 0
    sys.stdout.write("DOWNLINK " + str(n) + "\n")
    t0 = time.ticks_ms()
    while got < n and time.ticks_diff(time.ticks_ms(), t0) < n * 20 + 5000:
        if not wait(20):
            continue
        k = readinto(chunk, 256)
        if k < 0:
            break
        if k == 0:
            continue
        now = time.ticks_ms()
        if t_first < 0:
            t_first = now
        t_last = now
        nbytes += k
        dec.feed(chunk, k)
        while True:
            t = dec.next()
            if t == 0:
                break
            if t == P.SPEECH_AUDIO:
                got += 1
    if ARGS.get("link"):
        board.link_close()
    micropython.kbd_intr(3)
    out({"check": "downlink", "sent": n, "frames": got, "lost_frames": dec.lost_frames,
         "bad_frames": dec.bad_frames + dec.truncated, "bytes": nbytes,
         "ms": time.ticks_diff(t_last, t_first) if t_first >= 0 else 0})


found = system()
eff = pins(found)
board = make_board(eff, found)
battery(board)
listen(board, "room", ARGS.get("room_s", 3))
listen(board, "speech", ARGS.get("speech_s", 3))
speaker(board)
link(ARGS.get("link_frames", 200))
if ARGS.get("downlink_frames"):
    downlink(board, ARGS["downlink_frames"])
if ARGS.get("wifi"):
    wifi(eff, ARGS["wifi"][0], ARGS["wifi"][1], ARGS.get("link_frames", 200))
out({"done": True})
