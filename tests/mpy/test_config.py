# MicroPython: config.json validation of every field, load/save, redaction, provisioning answers.
# usage: micropython test_config.py FIRMWARE_DIR TMP_DIR        (prints "checked N failures 0")
#        micropython test_config.py FIRMWARE_DIR TMP_DIR rules  (prints the chip rules as JSON)
#        micropython test_config.py FIRMWARE_DIR TMP_DIR check FILE  (load()'s messages as JSON)
import sys
import json
import os

sys.path.insert(0, sys.argv[1])
import config as C
import pins as PN
import protocol as P
from provision import Provisioner, USB_ONLY_MESSAGE

TMP = sys.argv[2]

if len(sys.argv) > 3 and sys.argv[3] == "rules":
    out = {}
    for key in C.CHIPS:
        label, pinmap, adc_lo, adc_hi = C.CHIPS[key]
        out[key] = {"gpios": [g for g in range(len(pinmap)) if pinmap[g] != "."],
                    "forbidden": [g for g in range(len(pinmap)) if pinmap[g] in "sfxpu"],
                    "adc1": list(range(adc_lo, adc_hi + 1)),
                    "input_only": [g for g in range(len(pinmap)) if pinmap[g] == "i"]}
    print(json.dumps({"chips": out, "pins": PN.BOARD_PINS, "led_active_low": PN.BOARD_LED_ACTIVE_LOW,
                      "divider_x10": PN.BOARD_BATTERY_DIVIDER_RATIO_X10,
                      "default_board": PN.DEFAULT_BOARD}))
    sys.exit(0)

if len(sys.argv) > 3 and sys.argv[3] == "check":  # print load()'s messages for a file
    print(json.dumps(C.load(sys.argv[4])[1]))
    sys.exit(0)

failures = []
checked = 0


def fail(name, what):
    failures.append(name + ": " + what)


def expect(name, settings, want):
    """validate(settings): [] when want is None, else its first message equals want."""
    global checked
    checked += 1
    got = C.validate(settings)
    if want is None:
        if got:
            fail(name, "refused: " + repr(got))
    elif not got:
        fail(name, "accepted, want " + repr(want))
    elif got[0] != want:
        fail(name, "message " + repr(got[0]) + " want " + repr(want))


WIFI = {"wifi_ssid": "home"}  # a tcp link needs Wi-Fi

# ---- every field: good values accepted, bad ones refused with a message naming the field ----
expect("empty", {}, None)
expect("board esp32s3", {"board": "esp32s3"}, None)
expect("board esp32", {"board": "esp32"}, None)
expect("board bad", {"board": "esp8266"}, "board: esp32s3 or esp32")
expect("board not str", {"board": 3}, "board: esp32s3 or esp32")

LINK_MSG = "link: usb or tcp://HOST:PORT (leave it out to use Wi-Fi when host is set)"
expect("link usb", {"link": "usb"}, None)
expect("link tcp", dict(WIFI, link="tcp://192.168.1.20:7700"), None)
expect("link tcp name", dict(WIFI, link="tcp://host.lan:7700"), None)
expect("link no port", dict(WIFI, link="tcp://192.168.1.20"), LINK_MSG)
expect("link bad scheme", {"link": "udp://1.2.3.4:5"}, LINK_MSG)
expect("link port 0", dict(WIFI, link="tcp://h:0"), LINK_MSG)
expect("link port big", dict(WIFI, link="tcp://h:65536"), LINK_MSG)
expect("link not str", {"link": 1}, LINK_MSG)

HOST_MSG = "host: expected tcp://HOST:PORT or HOST:PORT (e.g. 192.168.1.20:7700)"
expect("host ip:port", dict(WIFI, host="192.168.1.20:7700"), None)
expect("host tcp uri", dict(WIFI, host="tcp://myhost:7701"), None)
expect("host name only", dict(WIFI, host="myhost.local"), None)
expect("host empty", dict(WIFI, host=""), HOST_MSG)
expect("host space", dict(WIFI, host="my host:7700"), HOST_MSG)
expect("host bad port", dict(WIFI, host="h:77x"), HOST_MSG)
expect("host label dash", dict(WIFI, host="-h:7700"), HOST_MSG)
expect("host not str", dict(WIFI, host=7700), HOST_MSG)
expect("host tcp no port", dict(WIFI, host="tcp://h"), HOST_MSG)

PORT_MSG = "port: a TCP port from 1 to 65535"
expect("port ok", {"port": 7700}, None)
expect("port 0", {"port": 0}, PORT_MSG)
expect("port big", {"port": 70000}, PORT_MSG)
expect("port str", {"port": "7700"}, PORT_MSG)
expect("port bool", {"port": True}, PORT_MSG)

SSID_MSG = "wifi_ssid: must be 1 to 32 bytes"
expect("ssid ok", {"wifi_ssid": "home"}, None)
expect("ssid 32", {"wifi_ssid": "x" * 32}, None)
expect("ssid empty", {"wifi_ssid": ""}, SSID_MSG)
expect("ssid 33", {"wifi_ssid": "x" * 33}, SSID_MSG)
expect("ssid utf8 bytes", {"wifi_ssid": "\u00e9" * 17}, SSID_MSG)  # 34 bytes, 17 characters
expect("ssid not str", {"wifi_ssid": 5}, SSID_MSG)

PW_MSG = ("wifi_password: 8 to 63 printable ASCII characters, 64 hex digits, or empty for an "
          "open network")
expect("password ok", {"wifi_password": "correct horse"}, None)
expect("password open", {"wifi_password": ""}, None)
expect("password 64 hex", {"wifi_password": "ab" * 32}, None)
expect("password short", {"wifi_password": "1234567"}, PW_MSG)
expect("password 64 not hex", {"wifi_password": "z" * 64}, PW_MSG)
expect("password control char", {"wifi_password": "abcdefgh\n"}, PW_MSG)
expect("password not str", {"wifi_password": 12345678}, PW_MSG)

ID_MSG = "device_id: 1 to 32 characters from A-Z a-z 0-9 - _ ."
expect("device_id ok", {"device_id": "ear-kitchen_1.b"}, None)
expect("device_id empty", {"device_id": ""}, ID_MSG)
expect("device_id long", {"device_id": "e" * 33}, ID_MSG)
expect("device_id space", {"device_id": "my ear"}, ID_MSG)
expect("device_id not str", {"device_id": 7}, ID_MSG)

expect("pins ok", {"pins": {"led": 10}}, None)
expect("pins all defaults again", {"pins": dict(PN.PINS)}, None)
expect("pins esp32 flash pin", {"board": "esp32", "pins": {"mic_sd": 6}},
       "pins.mic_sd: GPIO 6 is a flash pin on the ESP32")
expect("pins s3 flash pin", {"pins": {"mic_sd": 30}},
       "pins.mic_sd: GPIO 30 is a flash pin on the ESP32-S3")
expect("pins s3 strapping", {"pins": {"button": 0}},
       "pins.button: GPIO 0 is a strapping pin (it sets the boot mode at reset) on the ESP32-S3")
expect("pins s3 usb", {"pins": {"led": 19}},
       "pins.led: GPIO 19 is the USB console (D-/D+) on the ESP32-S3")
expect("pins s3 octal", {"pins": {"led": 35}},
       "pins.led: GPIO 35 is an octal flash/PSRAM pin on the ESP32-S3")
expect("pins no such gpio", {"pins": {"led": 24}}, "pins.led: the ESP32-S3 has no GPIO 24")
expect("pins esp32 input only", {"board": "esp32", "pins": {"led": 36}},
       "pins.led: GPIO 36 is input-only on the ESP32; this signal is an output")
expect("pins esp32 button no pull-up", {"board": "esp32", "pins": {"button": 39}},
       "pins.button: GPIO 39 has no internal pull-up on the ESP32")
expect("pins esp32 mic_sd input only ok", {"board": "esp32", "pins": {"mic_sd": 34}}, None)
expect("pins adc2", {"pins": {"battery_adc": 11}},
       "pins.battery_adc: GPIO 11 is not an ADC1 pin on the ESP32-S3 (ADC2 cannot be read "
       "while Wi-Fi is on)")
expect("pins duplicate", {"pins": {"led": 2}}, "pins.led: GPIO 2 is already used by button")
expect("pins unknown signal", {"pins": {"buzzer": 10}},
       "pins.buzzer: unknown signal; known: " + ", ".join(C.SIGNALS))
expect("pins not int", {"pins": {"led": "21"}}, "pins.led: a GPIO number")
expect("pins bool", {"pins": {"led": True}}, "pins.led: a GPIO number")
expect("pins not object", {"pins": [1, 2]},
       'pins: expected an object of signal: GPIO, e.g. {"led": 21}')
expect("pins checked against the board", {"board": "esp32", "pins": {"led": 21}},
       None)

expect("led_active_low ok", {"led_active_low": False}, None)
expect("led_active_low bad", {"led_active_low": 1}, "led_active_low: true or false")
expect("led_active_low str", {"led_active_low": "false"}, "led_active_low: true or false")

RATIO_MSG = "battery_divider_ratio: a number from 1 to 10 (battery volts per volt at the ADC pin)"
expect("ratio float", {"battery_divider_ratio": 2.0}, None)
expect("ratio int", {"battery_divider_ratio": 3}, None)
expect("ratio low", {"battery_divider_ratio": 0.5}, RATIO_MSG)
expect("ratio high", {"battery_divider_ratio": 11}, RATIO_MSG)
expect("ratio str", {"battery_divider_ratio": "2"}, RATIO_MSG)

expect("volume 0", {"volume_pct": 0}, None)
expect("volume 100", {"volume_pct": 100}, None)
expect("volume 101", {"volume_pct": 101}, "volume_pct: 0 to 100")
expect("volume negative", {"volume_pct": -1}, "volume_pct: 0 to 100")
expect("volume float", {"volume_pct": 50.5}, "volume_pct: 0 to 100")

expect("hands_free true", {"hands_free": True}, None)
expect("hands_free str", {"hands_free": "false"}, "hands_free: true or false")
expect("hands_free int", {"hands_free": 0}, "hands_free: true or false")

expect("pairing_key ok", {"pairing_key": "0123456789abcdef0123456789ABCDEF"}, None)
expect("pairing_key short", {"pairing_key": "0123"}, "pairing_key: 32 hex characters")
expect("pairing_key not hex", {"pairing_key": "g" * 32}, "pairing_key: 32 hex characters")

expect("unknown key", {"colour": "red"},
       "colour: unknown setting; known: " + ", ".join(C.FIELDS))
expect("tcp without wifi", {"host": "192.168.1.20:7700"},
       "wifi_ssid: needed to reach the host over Wi-Fi; set wifi_ssid, or link usb to stay "
       "tethered")
expect("host with usb link needs no wifi", {"host": "192.168.1.20:7700", "link": "usb"}, None)
expect("first bad field in order", {"volume_pct": 200, "wifi_ssid": ""}, SSID_MSG)


def check(name, cond):
    global checked
    checked += 1
    if not cond:
        fail(name, "false")


# ---- link resolution (keeps the keys main.py always read) ------------------------------------
check("link default usb", C.link_uri({}) == "usb")
check("link from host", C.link_uri({"host": "10.0.0.2"}) == "tcp://10.0.0.2:7700")
check("link from host+port", C.link_uri({"host": "10.0.0.2", "port": 7800}) == "tcp://10.0.0.2:7800")
check("link from host:port", C.link_uri({"host": "10.0.0.2:7801"}) == "tcp://10.0.0.2:7801")
check("link wins", C.link_uri({"link": "usb", "host": "10.0.0.2"}) == "usb")

# ---- defaults, merge, redaction ---------------------------------------------------------------
d = C.effective({})
check("default pins from pins.py", d["pins"] == PN.PINS and d["board"] == "esp32s3")
check("default esp32 pins", C.effective({"board": "esp32"})["pins"] == PN.ESP32_PINS)
check("default volume, hands-free", d["volume_pct"] == 100 and d["hands_free"] is False)
check("effective merges pins", C.effective({"pins": {"led": 10}})["pins"]["led"] == 10
      and C.effective({"pins": {"led": 10}})["pins"]["button"] == PN.PINS["button"])
m = C.merge({"wifi_ssid": "a", "pairing_key": "k" * 32, "pins": {"led": 10}},
            {"wifi_ssid": None, "pairing_key": "***", "pins": {"button": 11}})
check("merge null resets", "wifi_ssid" not in m)
check("merge keeps redacted secret", m["pairing_key"] == "k" * 32)
check("merge pins per signal", m["pins"] == {"led": 10, "button": 11})
r = C.redacted({"wifi_password": "secret123", "pairing_key": "ab" * 16, "wifi_ssid": "home"})
check("redacted", r["wifi_password"] == "***" and r["pairing_key"] == "***"
      and r["wifi_ssid"] == "home")
check("redacted unset stays unset", C.redacted(C.effective({}))["pairing_key"] is None)
check("redacted open network", C.redacted({"wifi_password": ""})["wifi_password"] == "")

# ---- load and save ----------------------------------------------------------------------------
path = TMP + "/config.json"


def write(text):
    with open(path, "w") as f:
        f.write(text)


def remove(p):
    try:
        os.remove(p)
    except OSError:
        pass


remove(path)
remove(path + ".tmp")
s, msgs = C.load(path)
check("missing file: defaults, quiet", s == {} and msgs == [])
write("{not json")
s, msgs = C.load(path)
check("corrupt file: defaults + message", s == {} and len(msgs) == 1
      and msgs[0].startswith("config.json: not valid JSON; using safe defaults"))
write("[1, 2]")
s, msgs = C.load(path)
check("not an object: defaults + message", s == {} and msgs[0].startswith(
    "config.json: expected a JSON object"))
write(json.dumps({"wifi_ssid": "home", "volume_pct": 300, "hands_free": "yes",
                  "pins": {"led": 19, "button": 12}, "device_id": "ear-1", "colour": "red",
                  "pairing_key": None}))
s, msgs = C.load(path)
check("bad fields dropped, good kept", s == {"wifi_ssid": "home", "pins": {"button": 12},
                                             "device_id": "ear-1"})
check("one message per bad field", msgs == [
    "pins.led: GPIO 19 is the USB console (D-/D+) on the ESP32-S3",
    "volume_pct: 0 to 100", "hands_free: true or false",
    "colour: unknown setting; known: " + ", ".join(C.FIELDS)])
write(json.dumps({"host": "10.0.0.2:7700"}))
s, msgs = C.load(path)
check("tcp without wifi falls back to usb", C.link_uri(s) == "usb" and len(msgs) == 1
      and msgs[0].endswith("(using the USB link until then)"))
good = {"wifi_ssid": "home", "wifi_password": "correct horse", "host": "10.0.0.2:7700",
        "volume_pct": 40, "hands_free": True, "pins": {"led": 10}}
C.save(good, path)
s, msgs = C.load(path)
check("save then load", s == good and msgs == [])
try:
    os.stat(path + ".tmp")
    check("no temporary file left", False)
except OSError:
    check("no temporary file left", True)
C.save({"volume_pct": 10}, path)
check("save replaces", C.load(path)[0] == {"volume_pct": 10})
# a save cut short after writing the temporary file but before the rename
remove(path)
with open(path + ".tmp", "w") as f:
    f.write(json.dumps({"volume_pct": 20}))
check("recovers an interrupted save", C.load(path)[0] == {"volume_pct": 20})
remove(path + ".tmp")

# ---- the provisioning answers -----------------------------------------------------------------
enc = P.Encoder()
dec = P.Decoder()


def reply(prov, type_code, json_text=""):
    if type_code == P.CONFIG:
        P.encode_config(enc, json_text)
    else:
        enc.encode(P.CONFIG_GET, ())
    # the request as the device's decoder sees it
    dec.reset()
    dec.feed(enc.buf, enc.frame_bytes)
    t = dec.next()
    out = prov.answer(enc, t, dec.payload)
    d2 = P.Decoder()
    d2.feed(out, len(out))
    t2 = d2.next()
    return t2, P.decode_fields(t2, d2.payload)


remove(path)
prov = Provisioner(path, {}, True, "ear-abc")
t, f = reply(prov, P.CONFIG_GET)
cur = json.loads(f["json_text"]) if t == P.CONFIG else {}
check("config_get answers CONFIG", t == P.CONFIG and cur["device_id"] == "ear-abc"
      and cur["pins"] == PN.PINS and cur["pairing_key"] is None)
t, f = reply(prov, P.CONFIG, json.dumps({"wifi_ssid": "", "volume_pct": 50}))
check("bad config refused with the first bad field", t == P.CONFIG_RESULT and f["ok"] is False
      and f["message"] == SSID_MSG and not prov.restart_pending)
check("refused config not saved", C.load(path) == ({}, []))
t, f = reply(prov, P.CONFIG, "{oops")
check("config not json refused", t == P.CONFIG_RESULT and f["ok"] is False
      and f["message"] == "config: not valid JSON")
change = {"wifi_ssid": "home", "wifi_password": "correct horse", "host": "10.0.0.2:7700",
          "pairing_key": "ab" * 16, "volume_pct": 60, "hands_free": True, "device_id": "ear-k"}
t, f = reply(prov, P.CONFIG, json.dumps(change))
check("good config saved", t == P.CONFIG_RESULT and f["ok"] is True and prov.restart_pending
      and C.load(path) == (change, []))
check("saved message says Wi-Fi", "Wi-Fi" in f["message"])
t, f = reply(prov, P.CONFIG_GET)
cur = json.loads(f["json_text"])
check("read back, secrets redacted", cur["wifi_ssid"] == "home" and cur["host"] == "10.0.0.2:7700"
      and cur["wifi_password"] == "***" and cur["pairing_key"] == "***"
      and cur["volume_pct"] == 60 and cur["hands_free"] is True and cur["device_id"] == "ear-k")
t, f = reply(prov, P.CONFIG, json.dumps(cur))  # sending back what was read changes nothing
check("redacted read-back resent keeps secrets", f["ok"] is True
      and C.load(path)[0]["pairing_key"] == "ab" * 16
      and C.load(path)[0]["wifi_password"] == "correct horse")
wifi = Provisioner(path, {}, False, "ear-abc")
for tc, text in ((P.CONFIG_GET, ""), (P.CONFIG, json.dumps({"volume_pct": 5}))):
    t, f = reply(wifi, tc, text)
    check("refused off USB " + str(tc), t == P.ERROR and f["code"] == 8
          and f["message"] == USB_ONLY_MESSAGE and not wifi.restart_pending)
check("not saved off USB", C.load(path)[0]["volume_pct"] == 60)
long_bad = json.dumps({"pins": {"x" * 300: 1}})
t, f = reply(prov, P.CONFIG, long_bad)
check("long message fits a str8", t == P.CONFIG_RESULT and f["ok"] is False
      and len(f["message"].encode()) <= 255 and f["message"].startswith("pins.xxx"))
remove(path)

for line in failures:
    print("FAIL " + line)
print("checked " + str(checked) + " failures " + str(len(failures)))
sys.exit(1 if failures else 0)
