"""Reads the virtual earpiece's binary timeline (written by firmware/board_unix.py).

File: a 16-byte header (b"EPTL", u16 version 1, u16 record size 16, 8 reserved bytes), then
16-byte little-endian records `<QBBHI`: t_us since the sim started, kind, reserved, a, b.
The kinds and the meaning of a and b are listed in firmware/marks.py (MARK_*).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

MAGIC = b"EPTL"
HEADER = struct.Struct("<4sHH8x")
RECORD = struct.Struct("<QBxHI")


class Kind(IntEnum):
    MIC_CAPTURED = 1      # a: mic frame index, b: sample index just past the frame's last sample
    MIC_SENT = 2          # a: mic frame index (low 16 bits), b: seq on the wire
    SPEAKER_PLAYED = 3    # a: bytes played, b: speaker frame index
    UNDERRUN = 4          # b: underruns so far
    STATE = 5             # a: new state, b: old state (0 idle .. 5 error, 6 speaking+listen)
    INTERRUPT_RX = 6      # a: source, b: bytes flushed
    INTERRUPT_TX = 7      # a: source, b: bytes flushed
    SPEECH_RX = 8         # a: payload bytes, b: 1 when END
    LINK_UP = 9
    LINK_DOWN = 10        # a: 1 when the link broke
    WELCOME = 11          # b: session id
    BUTTON = 12           # a: event (0 tap, 1 double, 2 hold start, 3 hold end)
    OVERRUN = 13          # a: bytes dropped, b: overruns so far
    HOST_ERROR = 14       # a: error code
    LISTEN_TX = 15        # a: 1 start / 0 stop, b: source
    CONNECT = 16          # a: 1 connected / 0 failed, b: ms until the next attempt
    LED = 17              # a: LED code (firmware/leds.py)
    LISTEN_RX = 18        # a: 0 stop, b: source (the host ended the turn)
    PREROLL_SENT = 19     # a: pre-roll frames sent, b: mic frame index (low 16 bits)
    RECOVERED = 20        # a: loop errors so far (the loop caught one and restarted)


class TimelineError(ValueError):
    """The file is not a virtual-earpiece timeline."""


@dataclass(frozen=True)
class Record:
    t_us: int
    kind: int
    a: int
    b: int

    @property
    def t_s(self) -> float:
        return self.t_us / 1e6


def read_timeline(path: str | Path) -> list[Record]:
    data = Path(path).read_bytes()
    if len(data) < HEADER.size:
        raise TimelineError(f"{path} is too short to be a timeline; run the sim with --timeline")
    magic, version, size = HEADER.unpack_from(data)
    if magic != MAGIC or size != RECORD.size:
        raise TimelineError(f"{path} is not an earpiece timeline (magic {magic!r})")
    if version != 1:
        raise TimelineError(f"{path} is timeline version {version}; this reader knows 1")
    body = data[HEADER.size:]
    usable = len(body) - len(body) % RECORD.size
    return [Record(*fields) for fields in RECORD.iter_unpack(body[:usable])]


def of_kind(records: list[Record], kind: Kind) -> list[Record]:
    return [r for r in records if r.kind == kind]


def first_speaker_frame_us(records: list[Record]) -> int | None:
    """When the first speech frame reached the speaker (None if nothing was played)."""
    played = of_kind(records, Kind.SPEAKER_PLAYED)
    return played[0].t_us if played else None


def mic_capture_times_us(records: list[Record]) -> list[int]:
    return [r.t_us for r in of_kind(records, Kind.MIC_CAPTURED)]


def mic_sent_times_us(records: list[Record]) -> list[int]:
    return [r.t_us for r in of_kind(records, Kind.MIC_SENT)]


def last_mic_sent_us(records: list[Record]) -> int | None:
    sent = mic_sent_times_us(records)
    return sent[-1] if sent else None


def state_changes(records: list[Record]) -> list[tuple[int, int]]:
    """(t_us, new_state) for every state change."""
    return [(r.t_us, r.a) for r in of_kind(records, Kind.STATE)]


def underruns(records: list[Record]) -> int:
    return len(of_kind(records, Kind.UNDERRUN))


def response_latency_us(records: list[Record]) -> int | None:
    """From the last mic frame sent to the first speech frame played after it."""
    last = last_mic_sent_us(records)
    if last is None:
        return None
    after = [r.t_us for r in of_kind(records, Kind.SPEAKER_PLAYED) if r.t_us >= last]
    return after[0] - last if after else None
