# MicroPython: the chip is read from the build (os.uname().machine), so a board without
# config.json gets its own chip's default pins, and safe mode reads its own button pin; a
# config.json with any bad byte means defaults, never a stop at boot.
# usage: micropython test_chip.py FIRMWARE_DIR TMP_DIR
import sys

sys.path.insert(0, sys.argv[1])
import standins as S

S.install("esp32")
import chip
import config as C
import pins as PN

failures = []
check = S.check_into(failures)
TMP = sys.argv[2]

# the machine strings of MicroPython's own ESP32 board definitions
for machine, want in (("Generic ESP32 module with ESP32", "esp32"),
                      ("Generic ESP32 module with SPIRAM with ESP32", "esp32"),
                      ("Generic ESP32 module with ESP32-D2WD", "esp32"),
                      ("Generic ESP32 module with ESP32-UNICORE", "esp32"),
                      ("TinyPICO with ESP32-PICO-D4", "esp32"),
                      ("Generic ESP32S3 module with ESP32-S3", "esp32s3"),
                      ("Generic ESP32S3 module with Octal-SPIRAM with ESP32-S3", "esp32s3"),
                      ("Seeed Studio XIAO ESP32S3 with ESP32-S3", "esp32s3"),
                      ("ESP32C3 module with ESP32-C3", ""), ("ESP32-P4 module with ESP32-P4", ""),
                      ("linux [GCC 14.2.1] version", "")):
    check(chip.detect(machine) == want, machine + " -> " + repr(chip.detect(machine)))

# no config.json on an ESP32: its own pins (GPIO 6-9 would be its flash)
missing = TMP + "/none.json"
for found, want_pins in (("esp32", PN.ESP32_PINS), ("esp32s3", PN.PINS), ("", PN.PINS)):
    chip.detect = lambda machine=None, f=found: f
    settings, msgs = C.load(missing)
    eff = C.effective(settings)
    check(eff["board"] == (found or PN.DEFAULT_BOARD) and eff["pins"] == want_pins,
          "defaults on " + repr(found) + ": " + repr(eff["board"]))
    bad = C.validate({"board": eff["board"], "pins": eff["pins"]})
    check(not bad, "the default pins of " + repr(found) + " are refused: " + repr(bad))

# safe mode reads the button of the chip it runs on
chip.detect = lambda machine=None: "esp32"
import main as M  # noqa: E402  (main() runs only as a script)

M.machine = S.FakeMachine
S.FakePin.made = []
settings, messages, cfg, link = M._settings(missing)
M._safe_mode(cfg)
check([p.gpio for p in S.FakePin.made] == [PN.ESP32_PINS["button"]],
      "safe mode read GPIO " + str([p.gpio for p in S.FakePin.made]) + " on an ESP32")

# a bad byte anywhere in config.json: defaults and a message, never an exception
good = b'{"board": "esp32", "volume_pct": 50, "wifi_ssid": "home", "device_id": "ear-1"}'
tried = 0
for pos in range(0, len(good), 7):
    for bad in (b"\xff", b"\x00", b"\xc3", b"\x80"):
        data = good[:pos] + bad + good[pos + 1:]
        path = TMP + "/bad.json"
        with open(path, "wb") as f:
            f.write(data)
        try:
            settings, messages, cfg, link = M._settings(path)
        except Exception as e:
            failures.append("byte " + repr(bad) + " at " + str(pos) + ": " + repr(e))
            continue
        tried += 1
        check(cfg["pins"] == PN.ESP32_PINS and link == "usb",
              "byte " + repr(bad) + " at " + str(pos) + ": not the defaults")
print("tried " + str(tried))
S.report(failures)
