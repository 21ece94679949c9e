"""Word lists the rewrites share: words of endearment, children, days, clock hours and verb forms.

Each is written once here, as a regular-expression alternation or a table, and imported where it is read
(the intent rules read the words of endearment too).
"""

from __future__ import annotations

# Words of endearment people call each other (and their earpiece) by, said to the OS, never to be kept.
ENDEARMENTS = (r"(?:love|mate|dear|darling|buddy|pal|hun|honey|sweetie|my friend|my dear|my darling|me duck|mi duck|my duck|duck|pet|bab|babe|chuck|flower|petal|my lovely|"
               r"yaar|bro|bruv|fam|hen|cuz|mucker|sweetheart|hon|darlin|"
               r"my ansum|ansum|my love|mi love|me love|mi dear|me dear|my lover|ma'am|sir|boss|chief|hinny|lass|lad|bud|dude|sugar|shug|baby|walaal|habibi|habibti|bhai|didi|bach|cariad|boy|b'y|cher|butt|butty|"
               r"po|beta|beti|nyabo|sebo|ssebo|pala|machan|palya|min|bor|ace boy|dawlin|darlin|marra|marrer)")  # "po": the Filipino word of respect ("hi po", "thank you po"); Hindi "beta",
# Luganda "nyabo" (madam) and "sebo" (sir), Filipino "pala"
KIDS = (r"(?:little ones|young ones|young'uns|younguns|youngsters|kiddies|kiddos|bairns|weans|nippers|childer|chiller|pickneys?|pikins?)")
"""Children, as people say it: "how many little ones", "four childer", "bairns"."""
KIN_TITLES = r"(?:auntie|aunty|aunt|uncle|cousin|granny|grandma|grandad|nana|nan)"
"""Kin said as a title before a name, with or without "my": "auntie Claudette", "my uncle Desmond"."""
# The days of the week and the hour of a clock time ("six", "6:30"), as the rewrites of times read them.
HOURS = r"(?:\d{1,2}(?::\d\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
THIRD_PERSON = {"living": "lives", "working": "works", "staying": "stays"}
"""The third person of a verb said as "-ing": "my sister living in Leeds" is "lives in Leeds"."""
BARE_VERB = {"studying": "study", "doing": "do", "working on": "work on", "teaching": "teach", "selling": "sell", "reading": "read",
             "living": "live", "staying": "stay", "working": "work", "swimming": "swim", "running": "run", "riding": "ride",
             "skating": "skate", "dancing": "dance", "shopping": "shop", "golfing": "golf"}
"""The bare verb of an "-ing" form whose stem is not the word less its "ing" ("swimming": swim, but "hunting": hunt)."""
