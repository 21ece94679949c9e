"""Battery state of charge from the divider, and the low-battery flag (pure logic)."""

# (mV, %) knots of a single-cell LiPo discharge curve under the earpiece's light load (~100 mA)
_CURVE = ((3300, 0), (3500, 5), (3600, 10), (3700, 30), (3800, 55), (3900, 70),
          (4000, 82), (4100, 92), (4200, 100))
UNKNOWN_PCT = 255
LOW_BATTERY_PCT = 10  # at or below: the LED shows low battery and the host warns the user


def battery_pct(battery_mv: int) -> int:
    """Rough state of charge in %, interpolated on the curve; 255 when unknown (battery_mv 0)."""
    if battery_mv <= 0:
        return UNKNOWN_PCT
    knots = _CURVE
    if battery_mv <= knots[0][0]:
        return 0
    for i in range(1, len(knots)):
        mv1, p1 = knots[i]
        if battery_mv <= mv1:
            mv0, p0 = knots[i - 1]
            return p0 + (p1 - p0) * (battery_mv - mv0) // (mv1 - mv0)
    return 100


def battery_mv_from_pin_uv(pin_uv: int, divider_ratio_x100: int) -> int:
    """Battery millivolts from the ADC pin's microvolts through a divider (ratio x100, e.g.
    200 for two equal resistors)."""
    return pin_uv * divider_ratio_x100 // 100000


def is_low(battery_pct_value: int, threshold_pct: int = LOW_BATTERY_PCT) -> bool:
    return battery_pct_value != UNKNOWN_PCT and battery_pct_value <= threshold_pct
