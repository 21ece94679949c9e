"""The LED pattern for each device state, as a table (pure; the boards drive the pin).

One LED tells the wearer what the earpiece is doing: a pattern is (period_ms, on_ms); period 0
means steady (on_ms 0 = off, else on).
"""
from micropython import const

# LED codes: the wire states 0..5 (state_machine.py), plus low battery (shown while idle).
LOW_BATTERY = const(7)

# index = LED code; (period_ms, on_ms)
PATTERNS = (
    (0, 0),        # 0 idle: off (saves power; the host knows we are there)
    (0, 1),        # 1 listening: steady on
    (600, 300),    # 2 thinking: medium blink
    (0, 1),        # 3 speaking: steady on
    (1000, 500),   # 4 connecting: slow blink
    (200, 100),    # 5 error: fast blink (also a bad config.json at boot)
    (0, 1),        # 6 speaking, then listen (reported as speaking)
    (2000, 100),   # 7 low battery: a short flash every 2 s while idle
)



def led_code(state: int, low_battery: bool) -> int:
    """What to show for a device state; low battery replaces the (dark) idle pattern."""
    if state == 0 and low_battery:
        return LOW_BATTERY
    return state


def is_on(code: int, t_ms: int) -> bool:
    """Whether the LED is lit at time t_ms for pattern `code`."""
    period, on = PATTERNS[code]
    if period == 0:
        return on != 0
    return t_ms % period < on
