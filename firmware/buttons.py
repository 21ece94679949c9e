"""Button gestures from debounced edges: tap, double tap, hold start, hold end (pure logic).

A tap is reported once the double-tap window has passed, so a double tap never also starts
a turn with its first press.
"""
from time import ticks_diff

from micropython import const

import state_machine as SM

_QUEUE = const(8)


class Gestures:
    def __init__(self, hold_ms: int = 450, double_gap_ms: int = 250,
                 debounce_ms: int = 25) -> None:
        self.hold_ms = hold_ms
        self.double_gap_ms = double_gap_ms
        self.debounce_ms = debounce_ms
        self._pressed = False
        self._edge_ms = 0
        self._raw = False   # the level last read, accepted or not
        self._raw_ms = 0
        self._press_ms = 0
        self._holding = False
        self._tap_pending = False
        self._tap_ms = 0
        self._q = bytearray(_QUEUE)
        self._q_head = 0
        self._q_len = 0

    def _push(self, event: int) -> None:
        if self._q_len < _QUEUE:
            self._q[(self._q_head + self._q_len) % _QUEUE] = event
            self._q_len += 1

    def edge(self, pressed: bool, t_ms: int) -> None:
        """The button's level changed (read the pin in the loop, not in the IRQ)."""
        self._raw = pressed
        self._raw_ms = t_ms
        if pressed == self._pressed or ticks_diff(t_ms, self._edge_ms) < self.debounce_ms:
            return  # a bounce; poll() takes the level once it has been steady (no stuck hold)
        self._accept(pressed, t_ms)

    def _accept(self, pressed: bool, t_ms: int) -> None:
        self._pressed = pressed
        self._edge_ms = t_ms
        if pressed:
            self._press_ms = t_ms
            return
        if self._holding:
            self._holding = False
            self._push(SM.HOLD_END)
        elif self._tap_pending and ticks_diff(t_ms, self._tap_ms) <= self.double_gap_ms + self.hold_ms:
            self._tap_pending = False
            self._push(SM.DOUBLE_TAP)
        else:
            self._tap_pending = True
            self._tap_ms = t_ms

    def poll(self, t_ms: int) -> int:
        """Next gesture, or -1."""
        if self._raw != self._pressed and ticks_diff(t_ms, self._raw_ms) >= self.debounce_ms:
            self._accept(self._raw, self._raw_ms)  # the last edge fell inside the debounce
        if self._pressed and not self._holding and ticks_diff(t_ms, self._press_ms) >= self.hold_ms:
            self._holding = True
            self._tap_pending = False
            self._push(SM.HOLD_START)
        if (self._tap_pending and not self._pressed
                and ticks_diff(t_ms, self._tap_ms) > self.double_gap_ms):
            self._tap_pending = False
            self._push(SM.TAP)
        if self._q_len == 0:
            return -1
        ev = self._q[self._q_head]
        self._q_head = (self._q_head + 1) % _QUEUE
        self._q_len -= 1
        return ev
