"""``earpiece doctor --port PORT``: the bring-up check a maker runs on a freshly flashed board.

    earpiece doctor --port /dev/ttyACM0          # a board in safe mode (button held at reset)
    earpiece doctor --sim --mic room_then_speech.wav [--speaker out.wav]   # the virtual earpiece

It sends a probe (earpiece_tools/doctor_probe.py) over the board's raw REPL (mpremote), which
reports the chip, MicroPython version and free heap; the pins of config.json against the chip
found; the battery reading; the microphone's level and clipping over 3 s of room sound and 3 s
of speech (the doctor says when to speak); plays a 1 kHz tone and a sweep on the speaker (you
confirm you heard them clean); sends 200 frames up the USB console to measure throughput and
frame loss, and 200 down it, paced like a reply (13 at once, then one every 20 ms: what the host
sends in IMA ADPCM), which the firmware's own link code reads and counts; with --wifi it joins the Wi-Fi of config.json and sends the same frames to a
listener the doctor opens on this computer. The virtual earpiece runs the same probe in the MicroPython unix port with WAV files
for its microphone and speaker (its tone is checked from the WAV instead of by ear). The result is
a table with pass / warn / fail and what to do; the exit code is 1 when anything failed.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import struct
import threading
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

PROBE = Path(__file__).with_name("doctor_probe.py")
ADPCM_WIRE_BYTES_PER_S = 9250   # 185-byte sealed frames, 50 a second (docs/protocol.md, section 7)
PCM_WIRE_BYTES_PER_S = 32650
DOWNLINK_PAYLOAD_BYTES = 164    # one IMA ADPCM frame
DOWNLINK_LEAD_FRAMES = 13       # the host's speech lead (260 ms) goes out at once
DOWNLINK_BYTES_PER_S = (9 + DOWNLINK_PAYLOAD_BYTES + 4) * 50  # unsealed: 8850
LEVEL_MIN_SPEECH = 60           # the hands-free gate's minimum level (firmware/app.py)
LEVEL_MAX_ROOM = 30
HEAP_WARN_BYTES = 40_000


class DoctorError(RuntimeError):
    """The probe could not run; the message says what to do."""


@dataclass
class Row:
    check: str
    status: str  # pass | warn | fail
    found: str
    advice: str = ""


# ---- where the probe runs ----------------------------------------------------------------------

def downlink_frame(seq: int) -> bytes:
    """One SPEECH_AUDIO frame with an ADPCM-sized payload, built straight from docs/protocol.md
    (independent of the codecs); the payload holds 0x03, 0x04 and the sync bytes."""
    payload = bytes(((i + seq) * 37 + 3) & 0xFF for i in range(DOWNLINK_PAYLOAD_BYTES))
    body = struct.pack("<BBBHH", 2, 0x11, 0, seq & 0xFFFF, len(payload)) + payload
    return b"\xa5\x5a" + body + struct.pack("<I", zlib.crc32(body))


def send_downlink(write: Callable[[bytes], None], n: int, frame_ms: int = 20) -> None:
    """n frames paced like a reply: the lead at once, then one every frame_ms."""
    t0 = time.monotonic()
    for i in range(n):
        delay = t0 + max(0, i - DOWNLINK_LEAD_FRAMES) * frame_ms / 1000 - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        write(downlink_frame(i))


class SerialTarget:
    """A board on a serial port, through mpremote's raw REPL."""

    def __init__(self, port: str) -> None:
        self.port = port
        self._serial = None

    def send(self, data: bytes) -> None:
        """Bytes to the board's console while the probe runs (the downlink check)."""
        if self._serial is not None:
            self._serial.write(data)

    def run(self, script: str, timeout_s: float) -> Iterator[bytes]:
        from mpremote.transport import TransportError
        from mpremote.transport_serial import SerialTransport

        try:
            t = SerialTransport(self.port, baudrate=115200, timeout=1)  # a silent port must not hang
        except TransportError as err:
            raise DoctorError(f"cannot open {self.port} ({err}); check the cable and the port "
                              "name (ls /dev/ttyACM* /dev/ttyUSB*)") from err
        try:
            try:
                t.enter_raw_repl(soft_reset=False, timeout_overall=5)
            except TransportError as err:
                raise DoctorError(
                    f"no REPL on {self.port}: the earpiece firmware is running and keeps Ctrl-C "
                    "off. Hold the button while you press reset (safe mode), then run the doctor "
                    "again") from err
            t.exec_raw_no_follow(script)
            serial = self._serial = t.serial
            serial.timeout = 0.05  # fine-grained arrival times for the throughput figure
            deadline = time.monotonic() + timeout_s
            while time.monotonic() < deadline:
                data = serial.read(4096)
                if data:
                    yield data
                    if data.endswith(b"\x04>") or b"\x04\x04>" in data:
                        return
            raise DoctorError(f"the probe did not finish within {timeout_s:.0f} s")
        finally:
            self._serial = None
            try:
                t.exit_raw_repl()
                t.close()
            except Exception:  # noqa: BLE001 - the port may be gone; nothing more to tell
                pass


class SimTarget:
    """The virtual earpiece: the same probe in the MicroPython unix port."""

    def __init__(self, mic: Path | None, speaker: Path, battery_mv: int = 0,
                 serial: tuple[str, str] | None = None) -> None:
        """serial: (the device's end, the doctor's end) of a serial line for the downlink
        check, e.g. a pseudo-terminal pair paced like a console; None: a pty pair of its own."""
        self.mic = mic
        self.speaker = speaker
        self.battery_mv = battery_mv
        if serial is None:
            import tty

            self._host_fd, slave = os.openpty()
            tty.setraw(slave)
            self._device_path = os.ttyname(slave)
            self._slave: int | None = slave
        else:
            self._device_path = serial[0]
            self._host_fd = os.open(serial[1], os.O_RDWR | os.O_NOCTTY)
            self._slave = None

    def args(self) -> dict:
        return {"mic": str(self.mic) if self.mic else None, "speaker": str(self.speaker),
                "battery_mv": self.battery_mv, "link": f"serial://{self._device_path}"}

    def send(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self._host_fd, view):]

    def close(self) -> None:
        for fd in (self._host_fd, self._slave):
            if fd is not None:
                os.close(fd)

    def run(self, script: str, timeout_s: float) -> Iterator[bytes]:
        from earpiece_tools.sim import FIRMWARE_DIR, build_unix_firmware, find_micropython

        fw = build_unix_firmware() or FIRMWARE_DIR
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "doctor_probe.py"
            path.write_text(script)
            env = dict(os.environ, MICROPYPATH=f"{fw}:.frozen")
            proc = subprocess.Popen([find_micropython(), str(path)], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, env=env)
            try:
                assert proc.stdout is not None
                while True:
                    data = os.read(proc.stdout.fileno(), 4096)
                    if not data:
                        break
                    yield data
                proc.wait(timeout=timeout_s)
                err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                if proc.returncode != 0:
                    raise DoctorError(f"the probe failed in the virtual earpiece:\n{err[-1500:]}")
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()


class WifiListener:
    """A TCP listener on this computer that the probe sends its frames to over Wi-Fi."""

    def __init__(self, bind_host: str, frames: int, frame_bytes: int = 177) -> None:
        self.expected = frames
        self.want = frames * frame_bytes
        self.srv = socket.socket()
        self.srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.srv.bind((bind_host, 0))
        self.srv.listen(1)
        self.srv.settimeout(60)
        self.port = self.srv.getsockname()[1]
        self.data = bytearray()
        self.t_first = self.t_last = 0.0
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            conn, _ = self.srv.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(10)
            while len(self.data) < self.want:
                try:
                    chunk = conn.recv(65536)
                except OSError:
                    break
                if not chunk:
                    break
                now = time.monotonic()
                self.t_first = self.t_first or now
                self.t_last = now
                self.data += chunk

    def result(self) -> LinkResult | None:
        self.thread.join(timeout=15)
        self.srv.close()
        if not self.data:
            return None
        good, _ = parse_frames(bytes(self.data))
        return LinkResult(self.expected, good, len(self.data),
                          max(1e-6, self.t_last - self.t_first))


def this_computers_address() -> str:
    """The address this computer has on the network of its default route (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere, only looked up
            return s.getsockname()[0]
        except OSError:
            return "127.0.0.1"


# ---- reading what the probe says ---------------------------------------------------------------

@dataclass
class LinkResult:
    frames_expected: int
    frames_good: int
    bytes_received: int
    seconds: float


def parse_frames(data: bytes) -> tuple[int, list[int]]:
    """(good frames, their seq numbers) from a byte stream of protocol frames (independent of the
    codecs: sync, header, CRC-32 straight from docs/protocol.md)."""
    good, seqs, i = 0, [], 0
    while i + 13 <= len(data):
        if data[i:i + 2] != b"\xa5\x5a":
            i += 1
            continue
        _ver, _type, _flags, seq, length = struct.unpack_from("<BBBHH", data, i + 2)
        end = i + 9 + length + 4
        if end > len(data):
            break
        (crc,) = struct.unpack_from("<I", data, end - 4)
        if zlib.crc32(data[i + 2:end - 4]) == crc:
            good += 1
            seqs.append(seq)
            i = end
        else:
            i += 1
    return good, seqs


def read_probe(chunks: Iterator[bytes], on_phase: Callable[[dict], None],
               on_downlink: Callable[[int], None] | None = None) -> tuple[list[dict], LinkResult | None]:
    """The probe's DOCTOR lines and its link block, as they arrive; on_downlink(n) when the
    probe is ready for the doctor's n frames."""
    results: list[dict] = []
    link: LinkResult | None = None
    buf = b""
    need = 0
    expected = 0
    link_data = b""
    t_first = t_last = 0.0
    for chunk in chunks:
        now = time.monotonic()
        buf += chunk
        while True:
            if need:
                take = buf[:need]
                if take and not t_first:
                    t_first = now
                link_data += take
                buf = buf[len(take):]
                need -= len(take)
                if need:
                    break
                t_last = now
                good, _ = parse_frames(link_data)
                link = LinkResult(expected, good, len(link_data), max(1e-6, t_last - t_first))
                continue
            nl = buf.find(b"\n")
            if nl < 0:
                break
            line, buf = buf[:nl].strip(b"\r\x04>OK"), buf[nl + 1:]
            if line.startswith(b"DOWNLINK ") and on_downlink is not None:
                on_downlink(int(line.split()[1]))
            elif line.startswith(b"LINK "):
                parts = line.split()
                expected, need = int(parts[1]), int(parts[2])
                t_first = 0.0
            elif line.startswith(b"DOCTOR "):
                d = json.loads(line[7:])
                if "phase" in d:
                    on_phase(d)
                else:
                    results.append(d)
            elif b"Traceback" in line or b"Error" in line:
                results.append({"check": "probe_error", "text": line.decode(errors="replace")})
    return results, link


# ---- judging -----------------------------------------------------------------------------------

def judge(results: list[dict], link: LinkResult | None, heard: bool | None,
          tone_hz: float | None, usb: bool, wifi: LinkResult | None = None) -> list[Row]:
    by = {r.get("check"): r for r in results}
    rows: list[Row] = []
    s = by.get("system")
    if s is None:
        return [Row("probe", "fail", "the probe printed nothing",
                    "flash the firmware again (earpiece flash), then run the doctor")]
    chip = s["chip"] or "unknown"
    heap = s["free_heap"]
    rows.append(Row("chip", "pass" if s["chip"] or s["platform"] == "linux" else "fail",
                    f"{chip} ({s['machine'] or s['platform']})",
                    "" if s["chip"] or s["platform"] == "linux"
                    else "an ESP32 or ESP32-S3 is needed; this build names another chip"))
    rows.append(Row("MicroPython", "pass", s["micropython"]))
    rows.append(Row("free heap", "pass" if heap >= HEAP_WARN_BYTES else "warn", f"{heap} bytes",
                    "" if heap >= HEAP_WARN_BYTES
                    else "little room for the audio buffers; use a board with PSRAM"))
    p = by.get("pins")
    if p is not None:
        bad = p["problems"] + [m for m in p["config_messages"]]
        board_ok = p["board"] == p["chip"] or not p["chip"]
        if bad or not board_ok:
            advice = "; ".join(bad) if bad else ""
            if not board_ok:
                advice = (f"config.json says board {p['board']} but the chip is {p['chip']}; "
                          f"set board to {p['chip']} (earpiece provision) " + advice).strip()
            rows.append(Row("pins", "fail", f"board {p['board']}", advice))
        else:
            rows.append(Row("pins", "pass", f"board {p['board']}: " + ", ".join(
                f"{k} {v}" for k, v in sorted(p["pins"].items()))))
    b = by.get("battery")
    if b is not None:
        mv = b["battery_mv"]
        if mv == 0:
            rows.append(Row("battery", "warn", "no reading",
                            "check the divider to the battery_adc pin (hardware/pinout.md)"))
        elif 3300 <= mv <= 4250:
            rows.append(Row("battery", "pass" if mv >= 3600 else "warn", f"{mv} mV",
                            "" if mv >= 3600 else "low: charge it before a long test"))
        else:
            rows.append(Row("battery", "fail", f"{mv} mV",
                            "outside a LiPo's 3.3-4.2 V: check battery_divider_ratio and wiring"))
    room, speech = by.get("mic_room"), by.get("mic_speech")
    if room is None or speech is None or room["frames"] == 0:
        rows.append(Row("microphone", "fail", "no frames",
                        "check mic_sck/mic_ws/mic_sd wiring and that L/R is tied to GND"))
    else:
        desc = (f"room {room['mean_abs']}, speech {speech['mean_abs']} mean |x|; "
                f"peak {speech['peak']}, {speech['clipped']} clipped")
        if speech["mean_abs"] == 0 and room["mean_abs"] == 0:
            rows.append(Row("microphone", "fail", desc, "all zeros: check mic_sd and the power"))
        elif speech["clipped"] > 0 or speech["peak"] >= 32000:
            rows.append(Row("microphone", "warn", desc, "clipping: speak further away"))
        elif speech["mean_abs"] < LEVEL_MIN_SPEECH:
            rows.append(Row("microphone", "warn", desc,
                            f"speech under the hands-free level {LEVEL_MIN_SPEECH}: speak closer, "
                            "or lower vad_min_level"))
        elif room["mean_abs"] > LEVEL_MAX_ROOM or speech["mean_abs"] < 2 * room["mean_abs"]:
            rows.append(Row("microphone", "warn", desc,
                            "a noisy room or a weak mic: speech should be well above the room"))
        else:
            rows.append(Row("microphone", "pass", desc))
        if room.get("overruns") or speech.get("overruns"):
            rows.append(Row("mic DMA", "warn", f"{speech['overruns']} overruns",
                            "the loop read the mic late; report it with the firmware version"))
    spk = by.get("speaker")
    if spk is None or spk["frames"] == 0:
        rows.append(Row("speaker", "fail", "nothing played", "check amp_bclk/amp_lrclk/amp_din"))
    elif tone_hz is not None:
        ok = abs(tone_hz - 1000) <= 20
        rows.append(Row("speaker", "pass" if ok else "fail", f"tone at {tone_hz:.0f} Hz in the WAV",
                        "" if ok else "the tone came out at the wrong pitch"))
    elif heard is None:
        rows.append(Row("speaker", "warn", f"{spk['frames']} frames played, not confirmed",
                        "run without --no-prompt and listen"))
    else:
        rows.append(Row("speaker", "pass" if heard else "fail",
                        "tone and sweep heard clean" if heard else "not heard clean",
                        "" if heard else "check amp_sd (shutdown), the speaker wiring and the "
                        "amp's gain pin; a rough tone on an ESP32 means old firmware"))
    if link is None:
        rows.append(Row("USB link", "fail", "no frames", "the console did not carry the frames"))
    else:
        lost = link.frames_expected - link.frames_good
        rate = link.bytes_received / link.seconds
        desc = f"{rate / 1000:.1f} kB/s, {lost} of {link.frames_expected} frames lost"
        if lost:
            rows.append(Row("USB link", "fail", desc, "bytes were lost or altered: another program "
                            "may hold the port (a modem manager); try another cable"))
        elif usb and rate < ADPCM_WIRE_BYTES_PER_S:
            rows.append(Row("USB link", "fail", desc,
                            f"too slow for audio ({ADPCM_WIRE_BYTES_PER_S} B/s with ADPCM)"))
        elif usb and rate < PCM_WIRE_BYTES_PER_S:
            rows.append(Row("USB link", "pass", desc, "fits ADPCM audio, not 16-bit PCM"))
        else:
            rows.append(Row("USB link", "pass", desc))
    d = by.get("downlink")
    if d is not None and "error" in d:
        rows.append(Row("USB downlink", "fail", d["error"], "the firmware could not open its link"))
    elif d is not None:
        lost = d["sent"] - d["frames"]
        rate = d["bytes"] * 1000 / max(1, d["ms"])
        desc = (f"{rate / 1000:.1f} kB/s paced as a reply, {lost} of {d['sent']} frames lost"
                + (f", {d['bad_frames']} corrupt" if d["bad_frames"] else ""))
        if lost or d["bad_frames"]:
            rows.append(Row("USB downlink", "fail", desc,
                            "bytes sent to the board were lost: its console input (260 bytes on "
                            "an ESP32's UART, no flow control) overflowed, or another program "
                            "holds the port; try another cable or port"))
        elif rate < 0.9 * DOWNLINK_BYTES_PER_S:
            rows.append(Row("USB downlink", "fail", desc,
                            f"slower than ADPCM replies need ({DOWNLINK_BYTES_PER_S} B/s)"))
        else:
            rows.append(Row("USB downlink", "pass", desc))
    w = by.get("wifi")
    if w is not None and "error" in w:
        rows.append(Row("Wi-Fi link", "fail", w["error"],
                        "check wifi_ssid/wifi_password (earpiece provision), that this computer "
                        "is on the same network, and that its firewall lets the doctor's port in"))
    elif w is not None:
        if wifi is None:
            rows.append(Row("Wi-Fi link", "fail", "nothing arrived",
                            "a firewall on this computer may block the doctor's port"))
        else:
            lost = wifi.frames_expected - wifi.frames_good
            rate = wifi.bytes_received / wifi.seconds
            rssi = w.get("rssi", 0)
            desc = (f"{rate / 1000:.1f} kB/s, {lost} of {wifi.frames_expected} frames lost"
                    + (f", RSSI {rssi} dBm" if rssi else ""))
            if lost or rate < PCM_WIRE_BYTES_PER_S:
                rows.append(Row("Wi-Fi link", "fail", desc,
                                "move closer to the access point or use a less busy channel"))
            elif rssi and rssi < -75:
                rows.append(Row("Wi-Fi link", "warn", desc, "a weak signal: expect dropouts"))
            else:
                rows.append(Row("Wi-Fi link", "pass", desc))
    return rows


def dominant_hz(wav: Path, seconds: float = 1.0) -> float | None:
    import numpy as np

    from earpiece_host.audio import read_wav_16k

    pcm = np.frombuffer(read_wav_16k(wav), "<i2")[: int(16000 * seconds)].astype(float)
    if len(pcm) < 1600 or not np.any(pcm):
        return None
    spec = np.abs(np.fft.rfft(pcm * np.hanning(len(pcm))))
    return float(np.argmax(spec) * 16000 / len(pcm))


def table(rows: list[Row]) -> str:
    w1 = max(len(r.check) for r in rows)
    w2 = max(len(r.found) for r in rows)
    lines = [f"{'check':<{w1}}  {'result':<6}  {'found':<{w2}}  what to do"]
    for r in rows:
        lines.append(f"{r.check:<{w1}}  {r.status:<6}  {r.found:<{w2}}  {r.advice}".rstrip())
    return "\n".join(lines)


PHASE_TEXT = {
    "room": "Microphone: stay quiet for {seconds} s (room sound) ...",
    "speech": "Microphone: now talk normally, as into the earpiece, for {seconds} s ...",
    "speaker": "Speaker: a 1 kHz tone, then a rising sweep ({seconds} s). Listen ...",
}


def run(target, probe_args: dict, prompt: Callable[[str], str] | None,
        out=sys.stdout, timeout_s: float = 120,
        wifi_bind: str | None = None) -> tuple[list[Row], list[dict]]:
    listener = None
    if wifi_bind is not None:
        listener = WifiListener(wifi_bind, probe_args.get("link_frames", 200))
        host = "127.0.0.1" if isinstance(target, SimTarget) else this_computers_address()
        probe_args = dict(probe_args, wifi=[host, listener.port])
    script = f"ARGS = {json.dumps(probe_args)!s}\n".replace("null", "None").replace(
        "true", "True").replace("false", "False") + PROBE.read_text()

    def on_phase(d: dict) -> None:
        print(PHASE_TEXT.get(d["phase"], d["phase"]).format(**d), file=out, flush=True)

    senders: list[threading.Thread] = []

    def on_downlink(n: int) -> None:
        sender = threading.Thread(target=send_downlink, args=(target.send, n), daemon=True)
        sender.start()
        senders.append(sender)

    try:
        results, link = read_probe(target.run(script, timeout_s), on_phase, on_downlink)
    finally:
        for sender in senders:
            sender.join(timeout=10)
        if isinstance(target, SimTarget):
            target.close()
    tone = None
    heard = None
    if isinstance(target, SimTarget):
        tone = dominant_hz(target.speaker)
    elif prompt is not None:
        heard = prompt("Did you hear a clean tone, then a smooth rising sweep? [y/n] "
                       ).strip().lower().startswith("y")
    wifi = listener.result() if listener is not None else None
    rows = judge(results, link, heard, tone, usb=isinstance(target, SerialTarget), wifi=wifi)
    return rows, results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="earpiece doctor", description=(__doc__ or "").splitlines()[0])
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--port", help="the board's serial port (in safe mode), e.g. /dev/ttyACM0")
    where.add_argument("--sim", action="store_true", help="check the virtual earpiece instead")
    ap.add_argument("--mic", type=Path, help="--sim: microphone WAV (3 s of room, then speech)")
    ap.add_argument("--speaker", type=Path, help="--sim: where the speaker WAV goes")
    ap.add_argument("--battery-mv", type=int, default=0, help="--sim: what the battery reads")
    ap.add_argument("--config", default="/config.json", help="config.json path on the target")
    ap.add_argument("--no-prompt", action="store_true", help="do not ask whether the tone was heard")
    ap.add_argument("--wifi", action="store_true",
                    help="also join config.json's Wi-Fi and send the frames to this computer")
    ap.add_argument("--json", action="store_true", help="print the rows and raw results as JSON")
    args = ap.parse_args(argv)
    probe_args: dict = {"config": args.config, "room_s": 3, "speech_s": 3, "link_frames": 200,
                        "downlink_frames": 200}
    if args.sim:
        speaker = args.speaker or Path(tempfile.mkdtemp(prefix="earpiece-doctor-")) / "speaker.wav"
        target: SerialTarget | SimTarget = SimTarget(args.mic, speaker, args.battery_mv)
        probe_args.update(target.args())
    else:
        target = SerialTarget(args.port)
    prompt = None if args.no_prompt else input
    try:
        rows, results = run(target, probe_args, prompt, out=sys.stderr if args.json else sys.stdout,
                            wifi_bind=("127.0.0.1" if args.sim else "0.0.0.0") if args.wifi
                            else None)
    except DoctorError as err:
        print(f"earpiece doctor: {err}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"rows": [r.__dict__ for r in rows], "results": results}, indent=1))
    else:
        print(table(rows))
    return 1 if any(r.status == "fail" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
