# MicroPython: print the firmware codec's format table (firmware/protocol.py SPEC) as JSON:
# {"spec": {type code: [name, letters, field names]}, "codecs": {name: code}}, for the test that
# holds the host's table and codec codes equal.
import json
import sys

sys.path.insert(0, sys.argv[1])
import protocol as P

print(json.dumps({"spec": {str(t): [P.SPEC[t][0], P.SPEC[t][1], list(P.SPEC[t][2])] for t in P.SPEC},
                  "codecs": {"pcm16": P.CODEC_PCM16, "adpcm": P.CODEC_IMA_ADPCM,
                             "offered": P.CODECS_OFFERED}}))
