"""The hardware seam: what the app needs from a board.

Two implementations: board_esp32.Esp32Board (the earpiece) and board_unix.UnixBoard (the virtual
earpiece on the MicroPython unix port). This class only documents and type-checks the seam; the
app imports it under TYPE_CHECKING, so it costs no heap at run time.
"""


from typing import Protocol


class Board(Protocol):
    """Interface; every method must return quickly (the app's loop is single-threaded)."""

    device_id = "earpiece"
    capabilities = 0
    exact_reads = False

    def ticks_ms(self) -> int:
        raise NotImplementedError

    def due_in_ms(self) -> int:
        """Milliseconds until the mic, speaker or button next need attention (caps the wait)."""
        raise NotImplementedError

    def mic_start(self) -> None:
        raise NotImplementedError

    def mic_stop(self) -> None:
        raise NotImplementedError

    def mic_readinto(self, buf: bytearray) -> int:
        """Fill buf with the next 20 ms frame if one is complete: returns its bytes, else 0."""
        raise NotImplementedError

    def mic_speaker_pos(self) -> int:
        """The speaker's clock (samples written with speaker_write, 320 a call, gaps included,
        mod 2**30) as the first sample of the frame mic_readinto last returned was captured:
        what was written less what was still queued then (voice barge-in's echo alignment)."""
        raise NotImplementedError

    def speaker_start(self) -> None:
        raise NotImplementedError

    def speaker_stop(self, drain: bool = False) -> None:
        """drain: the reply ended, let what the board has queued play out (a barge-in: stop)."""
        raise NotImplementedError

    def speaker_needs_frame(self) -> bool:
        raise NotImplementedError

    def speaker_write(self, buf: bytearray, n: int) -> None:
        """Play n bytes in the current 20 ms slot; n == 0 is a gap (underrun)."""
        raise NotImplementedError

    def button_event(self) -> int:
        """Next gesture (device.TAP, DOUBLE_TAP, HOLD_START, HOLD_END) or NO_EVENT."""
        raise NotImplementedError

    def led(self, state: int) -> None:
        raise NotImplementedError

    def battery_mv(self) -> int:
        """0 when unknown."""
        raise NotImplementedError

    def rssi_dbm(self) -> int:
        """0 when not on Wi-Fi."""
        raise NotImplementedError

    def link_open(self) -> bool:
        raise NotImplementedError

    def link_wait(self, timeout_ms: int) -> bool:
        """Wait up to timeout_ms for link bytes; True when readable (or closed)."""
        raise NotImplementedError

    def link_readinto(self, buf: bytearray, n: int) -> int:
        """Up to n bytes read into buf; 0 when none are waiting; -1 when the link closed.

        Boards with exact_reads True wait for all n bytes (the app then asks only for what the
        frame in flight still needs)."""
        raise NotImplementedError

    def link_write(self, buf: bytearray, n: int) -> bool:
        """Write buf[0:n] completely; False when the link broke."""
        raise NotImplementedError

    def link_close(self) -> None:
        raise NotImplementedError

    def mark(self, kind: int, a: int, b: int) -> None:
        """Timeline hook; boards without a timeline ignore it."""
        raise NotImplementedError

    def log(self, message: str) -> None:
        raise NotImplementedError
