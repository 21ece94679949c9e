# MicroPython: the firmware codec against the golden vectors, byte for byte.
# usage: micropython test_vectors.py FIRMWARE_DIR VECTORS_DIR
import sys
import json
import binascii

sys.path.insert(0, sys.argv[1])
import protocol as P
import secure as S

VDIR = sys.argv[2]
failures = []
checked = 0


def fail(name, what):
    failures.append(name + ": " + what)


def field_value(name, value):
    if name in ("auth", "pcm", "nonce", "proof"):
        return binascii.unhexlify(value)
    return value


vectors = json.load(open(VDIR + "/vectors.json"))
for v in vectors:
    name = v["name"]
    frame = binascii.unhexlify(v["frame_hex"])
    t = v["type_code"]
    if P.SPEC[t][0] != v["type"]:
        fail(name, "type name " + P.SPEC[t][0] + " != " + v["type"])
    # decode
    sealed = v.get("sealed")
    dec = P.Decoder()
    if sealed:
        dec.opener = S.Sealer(S.Cipher(binascii.unhexlify(sealed["key_hex"])), sealed["direction"])
    dec.feed(frame, len(frame))
    got = dec.next()
    if got != t:
        fail(name, "decoded type " + str(got))
        continue
    if dec.flags != v["flags"] or dec.seq != v["seq"]:
        fail(name, "flags/seq " + str((dec.flags, dec.seq)))
    fields = P.decode_fields(t, dec.payload)
    want = {}
    for k in v["fields"]:
        if k == "end":
            if bool(dec.flags & P.FLAG_END) != v["fields"][k]:
                fail(name, "END flag")
            continue
        want[k] = field_value(k, v["fields"][k])
    if sorted(want.keys()) != sorted(fields.keys()):
        fail(name, "field names " + str(sorted(fields.keys())))
    for k in want:
        if fields.get(k) != want[k]:
            fail(name, "field " + k + " = " + repr(fields.get(k)) + " want " + repr(want[k]))
    if dec.next() != 0:
        fail(name, "extra frame")
    # encode from the vector's fields: through the per-message function where the firmware has
    # one, else through the table-driven Encoder.encode (audio and one-byte messages also through
    # the allocation-free Encoder.audio / Encoder.small the loop uses)
    enc = P.Encoder()
    enc.seq = v["seq"]
    flags = v["flags"] & ~P.FLAG_SEALED  # the encoder sets SEALED itself
    if sealed:
        enc.sealer = S.Sealer(S.Cipher(binascii.unhexlify(sealed["key_hex"])), sealed["direction"])
    values = tuple(want[k] for k in P.SPEC[t][2])
    fn = getattr(P, "encode_" + v["type"].lower(), None)
    if fn is not None:
        kwargs = dict(want)
        if flags:
            kwargs["flags"] = flags
        out = fn(enc, **kwargs)
    elif t == P.MIC_AUDIO or t == P.SPEECH_AUDIO:
        out = enc.audio(t, values[0], len(values[0]), flags)
    elif len(P.SPEC[t][1]) == 1 and P.SPEC[t][1] == "B":
        out = enc.small(t, values[0])
    else:
        out = enc.encode(t, values, flags)
    if bytes(out) != frame:
        fail(name, "encoded " + binascii.hexlify(bytes(out)).decode())
    if enc.seq != (v["seq"] + 1) & 0xFFFF:
        fail(name, "seq not advanced")
    checked += 1

# CONFIG carries JSON text as the rest of its payload: invalid UTF-8 is malformed (dropped and
# counted), and CONFIG_RESULT's ok decodes as a bool.
bad = bytearray(binascii.unhexlify([v for v in vectors if v["name"] == "config"][0]["frame_hex"]))
bad[9] = 0xFF
crc = binascii.crc32(bytes(bad[2:len(bad) - 4]))
bad[len(bad) - 4:] = bytes([crc & 0xFF, (crc >> 8) & 0xFF, (crc >> 16) & 0xFF, (crc >> 24) & 0xFF])
dec = P.Decoder()
dec.feed(bad, len(bad))
if dec.next() != 0 or dec.malformed != 1:
    fail("config_bad_utf8", "not counted as malformed")
for v in vectors:
    if v["type"] == "CONFIG_RESULT":
        frame = binascii.unhexlify(v["frame_hex"])
        dec = P.Decoder()
        dec.feed(frame, len(frame))
        dec.next()
        if P.decode_fields(dec.type, dec.payload)["ok"] is not v["fields"]["ok"]:
            fail(v["name"], "ok is not a bool")

streams = json.load(open(VDIR + "/streams.json"))
for s in streams:
    name = s["name"]
    data = binascii.unhexlify(s["stream_hex"])
    for chunk in (len(data), 1, 7, 64):
        dec = P.Decoder()
        got = []
        i = 0
        while i < len(data):
            n = dec.feed(memoryview(data)[i:i + chunk], min(chunk, len(data) - i))
            i += n
            while True:
                t = dec.next()
                if not t:
                    break
                got.append({"type_code": t, "seq": dec.seq, "flags": dec.flags,
                            "payload_hex": binascii.hexlify(bytes(dec.payload)).decode()})
        dec.close()
        if got != s["frames"]:
            fail(name, "chunk " + str(chunk) + " frames " + str([(g["type_code"], g["seq"]) for g in got]))
        c = dec.counters()
        for k in s["counters"]:
            if c[k] != s["counters"][k]:
                fail(name, "chunk " + str(chunk) + " counter " + k + " = " + str(c[k])
                     + " want " + str(s["counters"][k]))
    checked += 1

for f in failures:
    print("FAIL " + f)
print("checked " + str(checked) + " failures " + str(len(failures)))
sys.exit(1 if failures else 0)
