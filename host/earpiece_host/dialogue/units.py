"""Units the calculator converts between, each as a factor to its kind's base unit (metre, gram,
litre, metre per second); temperatures convert by formula. Spoken names map to one canonical name."""

from __future__ import annotations

import re

# canonical name: (kind, factor to the base unit, spoken forms)
UNITS: dict[str, tuple[str, float, tuple[str, ...]]] = {
    "millimetre": ("length", 0.001, ("mm", "millimetre", "millimetres", "millimeter", "millimeters")),
    "centimetre": ("length", 0.01, ("cm", "centimetre", "centimetres", "centimeter", "centimeters")),
    "metre": ("length", 1.0, ("m", "metre", "metres", "meter", "meters")),
    "kilometre": ("length", 1000.0, ("km", "kilometre", "kilometres", "kilometer", "kilometers", "k")),
    "inch": ("length", 0.0254, ("inch", "inches", "in")),
    "foot": ("length", 0.3048, ("foot", "feet", "ft")),
    "yard": ("length", 0.9144, ("yard", "yards")),
    "mile": ("length", 1609.344, ("mile", "miles")),
    "gram": ("mass", 1.0, ("g", "gram", "grams", "gramme", "grammes")),
    "kilogram": ("mass", 1000.0, ("kg", "kilo", "kilos", "kilogram", "kilograms", "kilogramme", "kilogrammes")),
    "ounce": ("mass", 28.349523125, ("oz", "ounce", "ounces")),
    "pound": ("mass", 453.59237, ("lb", "lbs", "pound", "pounds")),
    "stone": ("mass", 6350.29318, ("stone", "stones")),
    "millilitre": ("volume", 0.001, ("ml", "millilitre", "millilitres", "milliliter", "milliliters")),
    "litre": ("volume", 1.0, ("l", "litre", "litres", "liter", "liters")),
    "teaspoon": ("volume", 0.005, ("teaspoon", "teaspoons", "tsp")),
    "tablespoon": ("volume", 0.015, ("tablespoon", "tablespoons", "tbsp")),
    "cup": ("volume", 0.25, ("cup", "cups")),  # the metric cup, 250 ml
    "pint": ("volume", 0.56826125, ("pint", "pints")),  # the imperial pint
    "gallon": ("volume", 4.54609, ("gallon", "gallons")),  # the imperial gallon
    "square metre": ("area", 1.0, ("square metre", "square metres", "square meter", "square meters", "sq m")),
    "square foot": ("area", 0.09290304, ("square foot", "square feet", "sq ft")),
    "acre": ("area", 4046.8564224, ("acre", "acres")),
    "hectare": ("area", 10000.0, ("hectare", "hectares", "ha")),
    "mile per hour": ("speed", 0.44704, ("mph", "miles per hour", "mile per hour", "miles an hour")),
    "kilometre per hour": ("speed", 1 / 3.6, ("kph", "km/h", "kmh", "kilometres per hour", "kilometers per hour",
                                              "kilometres an hour", "kilometers an hour", "k per hour")),
    "celsius": ("temperature", 1.0, ("celsius", "centigrade", "degrees celsius", "degrees centigrade", "c")),
    "fahrenheit": ("temperature", 1.0, ("fahrenheit", "degrees fahrenheit", "f")),
}
_SPOKEN = {form: name for name, (_, _, forms) in UNITS.items() for form in forms}
UNIT_RE = "(?:" + "|".join(sorted((re.escape(f) for f in _SPOKEN), key=len, reverse=True)) + ")"


def unit(spoken: str) -> str | None:
    return _SPOKEN.get(spoken.strip().lower())


def conversion(amount: float, from_unit: str, to_unit: str) -> str | None:
    """The calculator expression converting `amount` between two units of one kind, or None."""
    a, b = UNITS.get(from_unit), UNITS.get(to_unit)
    if a is None or b is None or a[0] != b[0] or from_unit == to_unit:
        return None
    n = f"{amount:g}"
    if a[0] == "temperature":
        return f"({n} - 32) * 5 / 9" if from_unit == "fahrenheit" else f"{n} * 9 / 5 + 32"
    return f"{n} * {a[1]!r} / {b[1]!r}"


def say_unit(name: str, value: float) -> str:
    """ "1 mile", "8.05 kilometres", "20 degrees Celsius"."""
    if UNITS[name][0] == "temperature":
        return f"degrees {name.capitalize()}"
    if value == 1:
        return name
    plural = {"foot": "feet", "inch": "inches", "mile per hour": "miles per hour", "kilometre per hour": "kilometres per hour",
              "stone": "stone"}
    return plural.get(name, name + "s")
