# MicroPython: the ADPCM link adapter between the app and the codec of docs/protocol.md: mic frames
# leave as MIC_AUDIO frames carrying exactly the golden ADPCM payloads, SPEECH_AUDIO payloads decode
# to exactly the golden PCM, bad payloads are counted, and nothing is allocated per frame.
# usage: micropython test_adpcm_link.py FIRMWARE_DIR VECTOR_DIR
import sys
import gc
import json

sys.path.insert(0, sys.argv[1])
import protocol as P
from adpcm_link import AdpcmLink

VEC = sys.argv[2]
failures = []


def read(path):
    with open(path, "rb") as f:
        return f.read()


index = json.loads(read(VEC + "/adpcm.json"))
link = AdpcmLink()
enc = P.Encoder()
dec = P.Decoder()
frame = bytearray(640)
for name in ("sine_440", "sweep", "noise"):
    pcm = read(VEC + "/" + name + ".pcm")
    want = read(VEC + "/" + name + ".adpcm")
    link.reset()
    got = bytearray()
    for off in range(0, len(pcm), 640):
        frame[:] = pcm[off:off + 640]
        link.mic_frame(enc, frame, 640)
        dec.feed(enc.buf, enc.frame_bytes)
        if dec.next() != P.MIC_AUDIO:
            failures.append(name + ": not a MIC_AUDIO frame")
            continue
        got.extend(dec.payload)
    if bytes(got) != want:
        failures.append(name + ": MIC_AUDIO payloads differ from the golden ADPCM")
    decoded = bytearray()
    off = 0
    for size in index[name]["frame_payload_bytes"]:
        n = link.speech(want[off:off + size], size)
        decoded.extend(link.pcm[0:n])
        off += size
    if bytes(decoded) != read(VEC + "/" + name + ".decoded.pcm"):
        failures.append(name + ": decoded speech differs from the golden PCM")
for size in (3, 4, 165, 2048, 163):
    if link.speech(bytearray(size), size) != -1:
        failures.append("a " + str(size) + "-byte payload was taken as ADPCM")
if link.bad_speech != 5 or link.speech(b"", 0) != 0:
    failures.append("bad payloads counted " + str(link.bad_speech))
# nothing allocated per frame, either way
payload = bytearray(read(VEC + "/sine_440.adpcm")[:164])
for _ in range(3):
    link.mic_frame(enc, frame, 640)
    link.speech(payload, 164)
gc.collect()
gc.disable()
before = gc.mem_alloc()
i = 0
while i < 1000:
    link.mic_frame(enc, frame, 640)
    link.speech(payload, 164)
    i += 1
after = gc.mem_alloc()
gc.enable()
print("alloc per 1000 frames " + str(after - before))
if after != before:
    failures.append("allocated " + str(after - before) + " bytes")
for f in failures:
    print("FAIL " + f)
print("failures " + str(len(failures)))
sys.exit(1 if failures else 0)
