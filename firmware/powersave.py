"""When the earpiece may light-sleep, and when its Wi-Fi radio runs at full power (pure logic;
the ESP32 adapter applies it).

Light sleep: while idle on Wi-Fi with the microphone and speaker stopped (button mode), the loop
naps in light sleep between passes, woken by its timer or the button; a blinking LED cuts the nap
at its next change. Never on USB (the console would drop) or with hands-free on (I2S needs its
clocks). Wi-Fi power save (the radio sleeps between beacons, delaying incoming packets by up to
a listen interval) is on while idle and off during a turn; a press of the button or a loud
microphone frame switches it to full power at once, before the turn is even recognised, and a
boost that leads to no turn lapses after boost_hold_ms.
"""
from time import ticks_diff

from micropython import const

NAP_MS = const(100)  # about one beacon interval (102.4 ms): the station stays associated


class PowerSave:
    def __init__(self, nap_ms: int = NAP_MS, boost_hold_ms: int = 3000) -> None:
        self.nap_ms_max = nap_ms
        self.boost_hold_ms = boost_hold_ms
        self.idle = False
        self._boost_ms = 0
        self.boosted = False
        self.naps = 0

    def radio_save(self) -> bool:
        """Whether Wi-Fi power save should be on now."""
        return self.idle and not self.boosted

    def set_idle(self, idle: bool) -> None:
        self.idle = idle
        if not idle:
            self.boosted = False  # a turn: full power anyway, and no boost left to lapse

    def boost(self, now_ms: int) -> None:
        """A button press or a loud frame: full power now, for at least boost_hold_ms."""
        self.boosted = True
        self._boost_ms = now_ms

    def tick(self, now_ms: int) -> None:
        if self.boosted and ticks_diff(now_ms, self._boost_ms) >= self.boost_hold_ms:
            self.boosted = False

    def nap_ms(self, now_ms: int, wifi: bool, audio_busy: bool, led_period_ms: int,
               led_on_ms: int) -> int:
        """How long the loop may light-sleep now (0: not at all)."""
        if not (self.idle and wifi) or audio_busy or self.boosted:
            return 0
        nap = self.nap_ms_max
        if led_period_ms:  # a blinking pattern: wake for its next change
            phase = now_ms % led_period_ms
            to_change = led_on_ms - phase if phase < led_on_ms else led_period_ms - phase
            if to_change < nap:
                nap = to_change
        return nap
