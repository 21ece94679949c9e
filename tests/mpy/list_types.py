# MicroPython: print the name of every message type the firmware codec knows.
import sys

sys.path.insert(0, sys.argv[1])
import protocol as P

print(" ".join(P.SPEC[t][0] for t in P.SPEC))
