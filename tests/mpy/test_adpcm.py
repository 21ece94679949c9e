# MicroPython: the firmware's IMA ADPCM codec (viper) against the golden vectors, and no heap
# allocation per frame.
# usage: micropython test_adpcm.py FIRMWARE_DIR VECTOR_DIR          (prints "frames N failures 0")
#        micropython test_adpcm.py FIRMWARE_DIR VECTOR_DIR encode IN.pcm OUT.adpcm
#        micropython test_adpcm.py FIRMWARE_DIR VECTOR_DIR decode IN.adpcm OUT.pcm SIZES.json
# (the payload sizes in a file: a long argument crashes the unix port at startup)
import sys
import gc
import json

sys.path.insert(0, sys.argv[1])
import adpcm

VEC = sys.argv[2]
FRAME = 320
pcm_frame = bytearray(2 * FRAME)
payload = bytearray(adpcm.FRAME_PAYLOAD_BYTES + 8)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def encode_all(data, out_f=None):
    """The whole PCM, frame by frame through one encoder; returns the payloads joined."""
    enc = adpcm.Encoder()
    out = bytearray()
    n_samples = len(data) // 2
    off = 0
    while off < n_samples:
        k = FRAME if n_samples - off >= FRAME else n_samples - off
        pcm_frame[0:2 * k] = data[2 * off:2 * off + 2 * k]
        n = enc.encode(payload, 3, pcm_frame, k)  # at an odd offset, as inside a frame buffer
        out.extend(payload[3:3 + n])
        off += k
    return out


if len(sys.argv) > 3 and sys.argv[3] == "encode":
    with open(sys.argv[5], "wb") as f:
        f.write(encode_all(read(sys.argv[4])))
    sys.exit(0)
if len(sys.argv) > 3 and sys.argv[3] == "decode":
    data = read(sys.argv[4])
    out = bytearray()
    off = 0
    for size in json.loads(read(sys.argv[6])):
        k = adpcm.decode(pcm_frame, data, off, size)
        out.extend(pcm_frame[0:2 * k])
        off += size
    with open(sys.argv[5], "wb") as f:
        f.write(out)
    sys.exit(0)

failures = []
frames = 0
index = json.loads(read(VEC + "/adpcm.json"))
for name in sorted(index):
    case = index[name]
    pcm = read(VEC + "/" + name + ".pcm")
    want = read(VEC + "/" + name + ".adpcm")
    got = encode_all(pcm)
    if bytes(got) != want:
        failures.append(name + ": encoded bytes differ")
    decoded = bytearray()
    off = 0
    for size in case["frame_payload_bytes"]:
        if adpcm.payload_bytes(FRAME if size == adpcm.FRAME_PAYLOAD_BYTES else 0) != size \
                and size == adpcm.FRAME_PAYLOAD_BYTES:
            failures.append("payload size")
        k = adpcm.decode(pcm_frame, want, off, size)
        if k != adpcm.samples_in(size):
            failures.append(name + ": decoded " + str(k) + " samples")
        decoded.extend(pcm_frame[0:2 * k])
        off += size
        frames += 1
    if bytes(decoded) != read(VEC + "/" + name + ".decoded.pcm"):
        failures.append(name + ": decoded samples differ")

# a corrupt header (step index 255) decodes to something, without reading past the table
bad = bytearray(adpcm.FRAME_PAYLOAD_BYTES)
bad[2] = 255
if adpcm.decode(pcm_frame, bad, 0, len(bad)) != FRAME:
    failures.append("corrupt header")
if adpcm.decode(pcm_frame, bad, 0, 3) != 0:
    failures.append("a payload shorter than its header decodes to samples")

# steady state allocates nothing: COUNT frames encoded and decoded with the collector off
COUNT = 1000
sine = read(VEC + "/sine_440.pcm")
pcm_frame[:] = sine[0:2 * FRAME]
enc = adpcm.Encoder()
for _ in range(3):
    n = enc.encode(payload, 0, pcm_frame, FRAME)
    adpcm.decode(pcm_frame, payload, 0, n)
gc.collect()
gc.disable()
before = gc.mem_alloc()
i = 0
while i < COUNT:
    n = enc.encode(payload, 0, pcm_frame, FRAME)
    adpcm.decode(pcm_frame, payload, 0, n)
    i += 1
after = gc.mem_alloc()
gc.enable()
print("alloc per " + str(COUNT) + " frames " + str(after - before))
if after != before:
    failures.append("allocated " + str(after - before) + " bytes in " + str(COUNT) + " frames")
for f in failures:
    print("FAIL " + f)
print("frames " + str(frames) + " failures " + str(len(failures)))
sys.exit(1 if failures else 0)
