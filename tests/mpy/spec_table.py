# MicroPython: print the firmware codec's format table (firmware/protocol.py SPEC) as JSON:
# {type code: [name, letters, field names]}, for the test that holds the host's table equal.
import json
import sys

sys.path.insert(0, sys.argv[1])
import protocol as P

print(json.dumps({str(t): [P.SPEC[t][0], P.SPEC[t][1], list(P.SPEC[t][2])] for t in P.SPEC}))
