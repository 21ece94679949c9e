"""The latency benchmark's own figures: underruns after a device's stall are told apart."""

from __future__ import annotations

from earpiece_tools.harness import underruns_after_stall
from earpiece_tools.timeline import Kind, Record


def _frames(start_ms: int, count: int) -> list[Record]:
    return [Record((start_ms + 20 * i) * 1000, Kind.MIC_CAPTURED, i, 0) for i in range(count)]


def test_underruns_right_after_the_device_stalled_are_counted_apart_from_the_others():
    records = _frames(0, 10)  # 0..180 ms, a record every 20 ms
    # the host was late: the device kept running (its microphone frames) and ran dry
    records += [Record(200_000, Kind.UNDERRUN, 0, 1), Record(220_000, Kind.UNDERRUN, 0, 2)]
    records += _frames(240, 5)  # ..320 ms
    # then its own process did not run for 400 ms, and on waking it missed four frames at once
    records += [Record(720_000, Kind.UNDERRUN, 0, n) for n in range(3, 7)]
    records += _frames(740, 3)
    assert sum(r.kind == Kind.UNDERRUN for r in records) == 6
    assert underruns_after_stall(records) == 4
    assert underruns_after_stall(_frames(0, 50)) == 0
