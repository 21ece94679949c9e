# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install system-packages hardware bench soak clean

demo: $(STAMP)
	$(BIN)/earpiece demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory system-packages
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test,audio]"
	touch $(STAMP)

install: $(STAMP)

# espeak-ng and sox make test speech, PortAudio lets the virtual earpiece use the laptop's
# microphone and speakers, libspeexdsp cancels the echo for voice barge-in; Asterisk's English
# prompts (and their transcripts) are recordings of a real person for earpiece_tools.human_voices;
# Dovecot is the IMAP server the mail tests start.
ASTERISK_PROMPTS = /usr/share/asterisk/sounds/en_US_f_Allison/vm-msgsaved.wav
ASTERISK_TRANSCRIPTS = /usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz
system-packages:
	@if ! command -v espeak-ng >/dev/null || ! command -v sox >/dev/null \
	        || ! ldconfig -p | grep -q libportaudio.so.2 || ! ldconfig -p | grep -q libspeexdsp.so.1 \
	        || [ ! -e $(ASTERISK_PROMPTS) ] || [ ! -e $(ASTERISK_TRANSCRIPTS) ]; then \
	    echo "installing espeak-ng, sox, PortAudio, libspeexdsp and Asterisk's English prompts (Debian packages)"; \
	    SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	    $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends espeak-ng sox libportaudio2 libspeexdsp1 \
	        asterisk-core-sounds-en-wav asterisk-core-sounds-en; \
	fi
	@bash .ci/services.sh

# Regenerate hardware/wiring*.svg, pinout.md and battery_life.md from pinout.json and power_budget.json.
hardware: $(STAMP)
	$(BIN)/python -m earpiece_tools.hardware

bench: $(STAMP)
	$(BIN)/earpiece bench --json

# Ten minutes of hands-free use in the virtual earpiece (its heap: the 96 KB budget plus the code a
# board keeps in flash): the live heap must stay flat.
soak: $(STAMP)
	EARPIECE_SOAK=1 $(BIN)/python -m pytest tests/test_firmware_soak.py -k 10_minute -s

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
