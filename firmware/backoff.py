"""Reconnect pacing: exponential backoff with jitter, so a lost host or access point is never
hammered in a tight loop, and many earpieces do not retry in lockstep (pure logic)."""


class Backoff:
    """Delay before the next attempt: base_ms, doubling per failure up to max_ms, each delay
    drawn uniformly from [d/2, d] ("equal jitter"). rand16() -> 0..65535 is passed in so that
    tests can make it deterministic; the default is the platform's random source."""

    def __init__(self, base_ms: int = 500, max_ms: int = 16000, rand16=None) -> None:
        self.base_ms = base_ms
        self.max_ms = max_ms
        if rand16 is None:
            import random
            rand16 = lambda: random.getrandbits(16)  # noqa: E731
        self._rand16 = rand16
        self.failures = 0

    def reset(self) -> None:
        """The link is healthy again (the host welcomed us): start from base_ms next time."""
        self.failures = 0

    def ceiling_ms(self) -> int:
        """The upper bound of the next delay (before jitter)."""
        d = self.base_ms
        for _ in range(self.failures):
            d <<= 1
            if d >= self.max_ms:
                return self.max_ms
        return d

    def next_delay_ms(self) -> int:
        """Record one more failure and return how long to wait before the next attempt."""
        d = self.ceiling_ms()
        self.failures += 1
        half = d >> 1
        return half + (self._rand16() * (d - half)) // 65535
