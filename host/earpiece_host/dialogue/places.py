"""Where a place is in time: "what time is it in Tokyo?"

Cities come from the time-zone database's own names (Asia/Tokyo, America/New_York: every zone is
named after a city), so nothing is downloaded; a few countries, states and big cities that are
not zone names are listed by hand.
"""

from __future__ import annotations

import functools
import zoneinfo

# Places people ask about whose zone is not named after them. A country with several zones is
# left out: "the time in America" has no one answer.
_ALIASES = {
    "japan": "Asia/Tokyo", "china": "Asia/Shanghai", "beijing": "Asia/Shanghai", "india": "Asia/Kolkata",
    "mumbai": "Asia/Kolkata", "delhi": "Asia/Kolkata", "new delhi": "Asia/Kolkata", "bangalore": "Asia/Kolkata",
    "france": "Europe/Paris", "germany": "Europe/Berlin", "spain": "Europe/Madrid", "italy": "Europe/Rome",
    "england": "Europe/London", "scotland": "Europe/London", "wales": "Europe/London", "the uk": "Europe/London",
    "uk": "Europe/London", "britain": "Europe/London", "ireland": "Europe/Dublin", "greece": "Europe/Athens",
    "portugal": "Europe/Lisbon", "netherlands": "Europe/Amsterdam", "the netherlands": "Europe/Amsterdam",
    "holland": "Europe/Amsterdam", "sweden": "Europe/Stockholm", "norway": "Europe/Oslo", "poland": "Europe/Warsaw",
    "korea": "Asia/Seoul", "south korea": "Asia/Seoul", "thailand": "Asia/Bangkok", "israel": "Asia/Jerusalem",
    "tel aviv": "Asia/Jerusalem", "egypt": "Africa/Cairo", "kenya": "Africa/Nairobi", "nigeria": "Africa/Lagos",
    "new zealand": "Pacific/Auckland", "california": "America/Los_Angeles", "san francisco": "America/Los_Angeles",
    "seattle": "America/Los_Angeles", "las vegas": "America/Los_Angeles", "washington": "America/New_York",
    "boston": "America/New_York", "miami": "America/New_York", "atlanta": "America/New_York",
    "texas": "America/Chicago", "dallas": "America/Chicago", "houston": "America/Chicago",
    "hawaii": "Pacific/Honolulu", "dubai": "Asia/Dubai", "singapore": "Asia/Singapore", "hong kong": "Asia/Hong_Kong",
    "rio": "America/Sao_Paulo", "rio de janeiro": "America/Sao_Paulo", "brazil": "America/Sao_Paulo",
    "argentina": "America/Argentina/Buenos_Aires", "buenos aires": "America/Argentina/Buenos_Aires",
    "montreal": "America/Toronto", "ottawa": "America/Toronto", "quebec": "America/Toronto",
    # big cities of the countries the OS is most used in, not zone names themselves
    **{city: "Europe/London" for city in ("glasgow", "edinburgh", "aberdeen", "dundee", "inverness", "manchester", "birmingham",
                                          "liverpool", "leeds", "sheffield", "bristol", "newcastle", "cardiff", "swansea",
                                          "nottingham", "leicester", "southampton", "plymouth", "norwich", "cornwall", "yorkshire")},
    **{city: "Europe/Dublin" for city in ("cork", "galway", "limerick", "waterford")},
    "belfast": "Europe/London", "northern ireland": "Europe/London",
    **{city: "America/New_York" for city in ("philadelphia", "baltimore", "pittsburgh", "orlando", "tampa", "charlotte", "florida",
                                             "new jersey", "brooklyn", "manhattan")},
    **{city: "America/Chicago" for city in ("austin", "san antonio", "nashville", "new orleans", "minneapolis", "st louis",
                                            "kansas city", "milwaukee")},
    **{city: "America/Los_Angeles" for city in ("san diego", "san jose", "portland", "sacramento", "oregon")},
    "calgary": "America/Edmonton", "canberra": "Australia/Sydney", "gold coast": "Australia/Brisbane",
    **{city: "Pacific/Auckland" for city in ("wellington", "christchurch", "dunedin", "tauranga", "napier",
                                             "queenstown", "rotorua", "palmerston north")},
    "cape town": "Africa/Johannesburg",
    "durban": "Africa/Johannesburg", "pretoria": "Africa/Johannesburg", "south africa": "Africa/Johannesburg",
    "barcelona": "Europe/Madrid", "munich": "Europe/Berlin", "milan": "Europe/Rome", "florence": "Europe/Rome",
    "venice": "Europe/Rome", "krakow": "Europe/Warsaw", "osaka": "Asia/Tokyo", "kyoto": "Asia/Tokyo",
    # where people go on holiday or to work away, not zone names themselves
    "bali": "Asia/Makassar", "phuket": "Asia/Bangkok", "goa": "Asia/Kolkata", "cyprus": "Asia/Nicosia",
    **{island: "Europe/Madrid" for island in ("majorca", "mallorca", "ibiza", "menorca", "minorca")},
    **{island: "Atlantic/Canary" for island in ("tenerife", "lanzarote", "gran canaria", "fuerteventura", "the canaries")},
    "crete": "Europe/Athens", "corfu": "Europe/Athens", "rhodes": "Europe/Athens", "the algarve": "Europe/Lisbon",
    "doha": "Asia/Qatar", "abu dhabi": "Asia/Dubai", "sharjah": "Asia/Dubai", "the emirates": "Asia/Dubai", "uae": "Asia/Dubai",
    "the uae": "Asia/Dubai", "saudi": "Asia/Riyadh", "saudi arabia": "Asia/Riyadh", "jeddah": "Asia/Riyadh", "mecca": "Asia/Riyadh",
    "medina": "Asia/Riyadh", "kuwait city": "Asia/Kuwait", "oman": "Asia/Muscat",
}


@functools.lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    """Spoken city name -> zone key, from the zone database's own names ("new york" -> America/New_York)."""
    zones: dict[str, str] = {}
    for key in sorted(zoneinfo.available_timezones()):
        area, _, city = key.rpartition("/")
        if not area or area.startswith("Etc") or area in ("SystemV", "US", "Canada", "Brazil", "Mexico", "Chile"):
            continue
        zones.setdefault(city.replace("_", " ").lower(), key)
    return zones


def zone_of(place: str) -> zoneinfo.ZoneInfo | None:
    """The time zone of a place said in normalised words, or None when it is unknown here (or has several)."""
    name = " ".join(place.lower().split())
    key = _ALIASES.get(name) or _zones().get(name) or _zones().get(name.removeprefix("the "))
    if key is None:
        return None
    try:
        return zoneinfo.ZoneInfo(key)
    except zoneinfo.ZoneInfoNotFoundError:  # the system's zone database lacks it
        return None
