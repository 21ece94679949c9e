"""The watchdog feeding policy (pure logic, tested off-device; the board owns the timer)."""
from time import ticks_diff

NOTHING = 0
ARM = 1
FEED = 2


class WatchdogPolicy:
    """When to arm and feed the hardware watchdog.

    Armed only after a boot-safe window (so a crash loop early in boot still leaves time for
    mpremote to get in), then fed only when the loop made real progress since the last feed:
    the link moved (a frame received, or a scheduled connect attempt made) and, while audio is
    expected (mic on or speaker playing), audio frames moved too. A loop that spins without
    progress stops feeding, and the watchdog resets the board.
    """

    def __init__(self, arm_after_ms: int = 30000, feed_every_ms: int = 1000) -> None:
        self.arm_after_ms = arm_after_ms
        self.feed_every_ms = feed_every_ms
        self.armed = False
        self.feeds = 0
        self.starved = 0  # checks that found no progress (the watchdog was not fed)
        self._boot_ms = -1
        self._last_check_ms = 0
        self._link = 0   # the counters as seen at the last feed (or arming)
        self._audio = 0

    def tick(self, now_ms: int, link_moves: int, audio_moves: int, audio_expected: bool) -> int:
        """NOTHING, ARM (arm the watchdog now) or FEED (feed it now). link_moves and
        audio_moves are counters the loop bumps when the link or the audio moved."""
        if self._boot_ms < 0:
            self._boot_ms = now_ms
            self._last_check_ms = now_ms
        if not self.armed:
            if ticks_diff(now_ms, self._boot_ms) < self.arm_after_ms:
                return NOTHING
            self.armed = True
            self._last_check_ms = now_ms
            self._link = link_moves
            self._audio = audio_moves
            return ARM
        if ticks_diff(now_ms, self._last_check_ms) < self.feed_every_ms:
            return NOTHING
        self._last_check_ms = now_ms
        ok = link_moves != self._link and (audio_moves != self._audio or not audio_expected)
        if not ok:
            self.starved += 1
            return NOTHING
        self._link = link_moves
        self._audio = audio_moves
        self.feeds += 1
        return FEED
