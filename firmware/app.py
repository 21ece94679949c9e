"""The earpiece main loop: board, link, codec, state machine and playback tied together.

Single-threaded: every pass waits on the link for at most the time until the mic, speaker or
a timer next needs attention, then serves all of them. Buffers are allocated here once.
"""
import binascii
import gc
import os
import sys
import time

from micropython import const

import marks as M
import protocol as P
import secure as S
import state_machine as SM
from audio import Player
from backoff import Backoff
from bufops import move
from power import battery_pct, is_low
from version import VERSION

TYPE_CHECKING = False
if TYPE_CHECKING:
    from adpcm_link import AdpcmLink
    from board_api import Board
    from provision import Provisioner

FIRMWARE_VERSION = VERSION
_CHUNK_BYTES = const(512)
_MAX_WAIT_MS = const(20)
_READS_PER_PASS = const(8)
_LED_LOW_BATTERY = const(7)  # leds.LOW_BATTERY (leds.py is the boards' business)
_WDT_ARM = const(1)  # watchdog.ARM
_ERROR_INTERNAL = const(7)  # protocol.md: ERROR code 7, internal error
_ERROR_BURST = const(5)     # this many loop errors ...
_ERROR_WINDOW_MS = const(60000)  # ... within a minute: give up and reset the board
_HOST_VOICE_BARGE_IN = const(0x10)  # WELCOME host_capabilities bit 4: it cancels our echo
_HOST_PLAYBACK_POSITION = const(0x20)  # bit 5: ... and wants the playback position with the mic
_POS_MASK = const(0x3FFFFFFF)  # playback positions wrap at 2**30: small ints, never allocated
_WRITES = const(8)  # speaker frames remembered for positions: 160 ms, more than the mic lags


# what a host may send before it has proved the pairing key: its proof, or why it refuses us;
# provisioning (CONFIG) works unsealed only on an earpiece that holds no key (provision.py checks
# the link is USB)
_BEFORE_AUTH = (P.AUTH, P.ERROR, P.BYE, P.CONFIG_GET, P.CONFIG)


def _led_code(state: int, low_battery: bool) -> int:
    """The LED code for a wire state: low battery replaces the dark idle pattern."""
    return _LED_LOW_BATTERY if state == SM.IDLE and low_battery else state


def allocate_buffers(playback_ms: int = 320) -> tuple:
    """Every buffer the loop needs, in one go: playback ring (shared with the hands-free
    pre-roll), rx (two frames), tx (one frame), link read chunk, mic frame, speaker frame."""
    return (bytearray(playback_ms * 32), bytearray(2 * P.MAX_FRAME_BYTES),
            bytearray(P.MAX_FRAME_BYTES), bytearray(_CHUNK_BYTES), bytearray(P.FRAME_BYTES),
            bytearray(P.FRAME_BYTES))


class Config:
    """Loop timings, identity and behaviour (all times in ms). Defaults live on the class, so an
    instance holds only what differs: Config(hands_free=True). An unknown name is a TypeError."""

    device_id = "earpiece"
    pairing_key = ""           # 32 hex characters shared with the host; "" = not paired
    firmware_version = FIRMWARE_VERSION
    hello_interval_ms = 1000
    status_interval_ms = 5000
    ping_after_quiet_ms = 5000
    link_dead_ms = 15000
    reconnect_ms = 1000        # first reconnect pause; doubles per failure (with jitter) ...
    reconnect_max_ms = 16000   # ... up to this
    playback_ms = 320          # playback ring; the host keeps ~200 ms queued
    prebuffer_ms = 40
    listen_at_start = False
    volume_pct = 100
    # hands-free: the energy gate opens a turn (source voice) with preroll_ms of audio before
    # the onset; the device ends a voice turn the host never ends after max_utterance_ms
    hands_free = False
    preroll_ms = 300
    max_utterance_ms = 10000
    vad_min_level = 60         # mean |sample| a voice frame must exceed (INMP441) ...
    vad_ratio_x10 = 30         # ... and this many tenths of the noise floor
    vad_onset_frames = 2       # loud frames in a row that make an onset
    watchdog_arm_after_ms = 30000
    low_battery_pct = 10
    # the audio codecs HELLO offers (protocol.CODEC_* summed): PCM16 and IMA ADPCM; the host
    # chooses one in WELCOME
    codecs = 3  # protocol.CODECS_OFFERED

    def __init__(self, **settings) -> None:
        for k in settings:
            if not hasattr(Config, k):
                raise TypeError("unknown app setting " + k)
            setattr(self, k, settings[k])


class App:
    """One earpiece: call step() forever. The board is passed in, so the same loop runs on the
    ESP32 and in the virtual earpiece."""

    def __init__(self, board: "Board", config: Config, buffers=None) -> None:
        """buffers: the result of allocate_buffers(), called by the entry point before it loads
        the code (which leaves the heap in small pieces); None allocates them here."""
        if buffers is None:
            buffers = allocate_buffers(config.playback_ms)
        ring_buf, rx_buf, tx_buf, self._chunk, self._mic_buf, self._spk_buf = buffers
        self.board = board
        self.config = config
        self._exact_reads = getattr(board, "exact_reads", False)
        # the largest buffers first, from a freshly collected heap, so that loading the code
        # has not fragmented the room they need
        gc.collect()
        self.player = Player(config.playback_ms, config.prebuffer_ms, ring_buf)
        self.dec = P.Decoder(buf=rx_buf)
        self.enc = P.Encoder(tx_buf)
        # pairing (secure.py): the key, this connection's nonce, and the sealers' scratch
        self._key = binascii.unhexlify(config.pairing_key) if config.pairing_key else None
        self.cipher = None  # the session's AES objects (secure.Cipher), made by the handshake
        self.nonce = b""
        self.auth_refusals = 0  # hosts that could not prove the pairing key
        self._end_seq = -1  # seq of the END chunk of the reply being played
        self.player.volume.set(config.volume_pct)
        self.state = SM.CONNECTING
        self.link_up = False
        self.welcomed = False
        self.welcomes = 0
        self.session_id = 0
        self.last_error = ""
        self.last_error_code = 0
        self.bye_reason = -1
        self.mic_on = False
        # the host cancels the echo of our replies (WELCOME host_capabilities bit 4): the mic
        # streams to it while a reply plays, so that the user can interrupt by voice
        self.duplex = False
        # ... and each of those frames says which downlink sample was playing as it was captured
        # (MIC_AUDIO_PLAYING, WELCOME host_capabilities bit 5): the host aligns its echo
        # reference to it instead of guessing the link's and the playback's lag
        self.positions = False
        self.speech_rx_samples = 0  # downlink samples this session (mod 2**30), dropped included
        self._spk_clock = 0  # the board's speaker clock as this loop has written it (320 a frame)
        # the last _WRITES frames of reply written to the speaker: where each began on the
        # speaker's clock, its downlink index, its samples (ring; small ints, never allocated)
        self._w_clock = [0] * _WRITES
        self._w_index = [0] * _WRITES
        self._w_samples = [0] * _WRITES
        self._w_head = 0
        self.mic_frames = 0
        self.mic_frames_sent = 0
        self.speech_bytes_rx = 0
        self.dropped_speech_bytes = 0
        self.peak_heap_bytes = 0
        self._auto_listen = config.listen_at_start
        t = board.ticks_ms()
        self._boot_ms = t
        self._last_connect_ms = t
        self._connect_now = True  # the first attempt does not wait for the retry interval
        self._connect_failures = 0
        self.backoff = Backoff(config.reconnect_ms, config.reconnect_max_ms)
        self._connect_delay_ms = 0
        self.connect_attempts = 0
        # a board with a hardware watchdog has watchdog(arm): 1 arm, 0 feed
        self._wdt = getattr(board, "watchdog", None)
        # a board whose radio dozes when idle has radio_boost(): full power from a loud frame on
        self._radio_boost = getattr(board, "radio_boost", None)
        self.watchdog = None
        self.link_moves = 0  # progress counters for the watchdog policy
        self.audio_moves = 0
        if self._wdt is not None:
            from watchdog import WatchdogPolicy
            self.watchdog = WatchdogPolicy(config.watchdog_arm_after_ms)
        self.errors = 0  # exceptions caught by recover()
        self._burst = 0
        self._burst_start_ms = t
        self.low_battery = False
        self.voice_turns = 0
        self._voice_turn = False
        self._voice_start_ms = t
        self.gate = None
        self.preroll = None
        if config.hands_free:
            from vad import EnergyGate, PreRoll
            self.gate = EnergyGate(config.vad_min_level, config.vad_ratio_x10,
                                   config.vad_onset_frames)
            # the pre-roll borrows the playback ring's memory: it only fills while idle, when
            # the ring is empty, and the first speech chunk (which ends idle) overwrites it
            frames = config.preroll_ms // P.FRAME_MS + config.vad_onset_frames - 1
            self.preroll = PreRoll(self.player.ring.buf, frames)
        self._last_hello_ms = t
        self._last_status_ms = t
        self._last_rx_ms = t
        self._last_ping_ms = t
        self._ping_token = 0
        self._handlers = {
            P.WELCOME: self._on_welcome, P.ERROR: self._on_error, P.BYE: self._on_bye,
            P.PING: self._on_ping, P.SPEECH_AUDIO: self._on_speech,
            P.LISTEN_START: self._on_listen_start, P.LISTEN_STOP: self._on_listen_stop,
            P.INTERRUPT: self._on_interrupt, P.STATE: self._on_state, P.VOLUME: self._on_volume,
            P.CONFIG_GET: self._on_config, P.CONFIG: self._on_config, P.AUTH: self._on_auth,
        }
        # provisioning (provision.Provisioner), set by the entry point when it has a config file
        self.provision = None  # type: Provisioner | None
        # audio in IMA ADPCM (adpcm_link.AdpcmLink) once the link has chosen it; None: PCM16
        self.adpcm = None  # type: AdpcmLink | None
        self._adpcm_link = None  # type: AdpcmLink | None  # loaded the first time it is chosen
        self.codecs = config.codecs  # what HELLO offers; PCM16 alone after a host refused more
        self.codec = P.CODEC_PCM16  # the codec the last WELCOME chose
        board.led(_led_code(self.state, False))

    # ---- state machine -------------------------------------------------------------------
    def handle(self, event: int) -> None:
        old = self.state
        new, actions = SM.next_state(old, event)
        board = self.board
        if actions & SM.A_SEND_INTERRUPT:
            flushed = self.player.flush()
            self._send_small(P.INTERRUPT, P.SOURCE_BUTTON)
            board.mark(M.MARK_INTERRUPT_TX, P.SOURCE_BUTTON, flushed)
        if actions & SM.A_FLUSH:
            self.player.flush()
            board.speaker_stop()
        if actions & SM.A_MIC_STOP:
            self._pump_mic()  # frames already captured belong to this turn
            self.mic_on = False
            board.mic_stop()
        if actions & SM.A_SEND_LISTEN_STOP:
            self._send_small(P.LISTEN_STOP, P.SOURCE_BUTTON)
            board.mark(M.MARK_LISTEN_TX, 0, P.SOURCE_BUTTON)
        if actions & SM.A_SEND_LISTEN_START:
            self._send_small(P.LISTEN_START, P.SOURCE_BUTTON)
            board.mark(M.MARK_LISTEN_TX, 1, P.SOURCE_BUTTON)
        self.state = new
        if new != old:
            self.welcomed = self.link_up and new != SM.CONNECTING and new != SM.ERROR
            board.mark(M.MARK_STATE, new, old)
            board.led(_led_code(SM.wire_state(new), self.low_battery))
            if self.welcomed and SM.wire_state(new) != SM.wire_state(old):
                self._send_small(P.STATE, SM.wire_state(new))
            if new != SM.LISTENING:
                self._voice_turn = False
            if self.gate is not None and new == SM.IDLE:
                self._arm_gate()
            if self.duplex:
                self._duplex_mic(old, new)
        if actions & SM.A_MIC_START:
            self.mic_on = True
            board.mic_start()
        if actions & SM.A_SEND_HELLO:
            self._send_hello()
        if actions & SM.A_SEND_STATUS:
            self._send_status()
        if actions & SM.A_CLOSE_LINK:
            self._link_down(False)

    def _duplex_mic(self, old: int, new: int) -> None:
        """Voice barge-in: the mic runs while a reply plays and stops after it, unless the
        next state listens anyway (a turn, or the hands-free gate)."""
        was = old == SM.SPEAKING or old == SM.SPEAKING_THEN_LISTEN
        now = new == SM.SPEAKING or new == SM.SPEAKING_THEN_LISTEN
        if now and not was:
            self.board.mic_start()
        elif was and not now and new != SM.LISTENING and not (
                self.gate is not None and new == SM.IDLE):
            self.board.mic_stop()

    # ---- link ----------------------------------------------------------------------------
    def _send(self) -> None:
        if self.link_up and not self.board.link_write(self.enc.buf, self.enc.frame_bytes):
            self._link_down(True)

    def _send_small(self, type_code: int, value: int) -> None:
        if self.link_up:
            self.enc.small(type_code, value)
            self._send()

    def _send_hello(self) -> None:
        cfg = self.config
        P.encode_hello(self.enc, cfg.device_id, cfg.firmware_version, self.board.capabilities,
                       self.nonce, codec=self.codecs)
        self._last_hello_ms = self.board.ticks_ms()
        self._send()

    def _send_status(self) -> None:
        board = self.board
        mv = board.battery_mv()
        pct = battery_pct(mv)
        low = is_low(pct, self.config.low_battery_pct)
        if low != self.low_battery:
            self.low_battery = low
            board.led(_led_code(SM.wire_state(self.state), low))
        self.track_heap()
        gc.collect()  # every 5 s: keeps the peak figure about live data, not old garbage
        P.encode_status(self.enc, mv, pct, board.rssi_dbm(), gc.mem_free(),
                        self.peak_heap_bytes, self.underruns(), self.overruns(),
                        self.dec.bad_frames,
                        time.ticks_diff(board.ticks_ms(), self._boot_ms) & 0xFFFFFFFF)
        self._last_status_ms = board.ticks_ms()
        self._send()

    def _connect(self, now: int) -> None:
        if (not self._connect_now
                and time.ticks_diff(now, self._last_connect_ms) < self._connect_delay_ms):
            return
        self._connect_now = False
        self._last_connect_ms = now
        self.connect_attempts += 1
        self.link_moves += 1  # a scheduled attempt is the link making progress
        try:
            opened = self.board.link_open()
        except OSError as e:  # Wi-Fi or DNS trouble: a failed attempt, paced like any other
            self.board.log("cannot open the link: " + repr(e))
            opened = False
        if not opened:
            self._connect_failures += 1
            self._connect_delay_ms = self.backoff.next_delay_ms()
            self.board.mark(M.MARK_CONNECT, 0, self._connect_delay_ms)
            if self._connect_failures == 1:
                self.board.log("cannot reach the host yet; retrying with growing pauses up to "
                               + str(self.config.reconnect_max_ms // 1000)
                               + " s (is the host running?)")
            return
        self.board.mark(M.MARK_CONNECT, 1, 0)
        self._connect_failures = 0
        self.link_up = True
        self.enc.reset()
        self.dec.reset()
        # a fresh nonce per connection: a host's proof recorded earlier never verifies again
        self.nonce = os.urandom(S.NONCE_BYTES) if self._key is not None else b""
        self._last_rx_ms = now
        self._last_ping_ms = now
        self.board.mark(M.MARK_LINK_UP, 0, 0)
        self.handle(SM.LINK_UP)

    def _link_down(self, broken: bool) -> None:
        if not self.link_up:
            return
        self.link_up = False
        self.welcomed = False
        # the session's keys go with the link (and their memory with them)
        self.enc.sealer = None
        self.dec.opener = None
        self.cipher = None
        self.dec.close()
        self.board.link_close()
        self.board.mark(M.MARK_LINK_DOWN, 1 if broken else 0, 0)
        self._last_connect_ms = self.board.ticks_ms()
        # not reset until a WELCOME: a host that accepts and drops us is retried ever slower
        self._connect_delay_ms = self.backoff.next_delay_ms()
        self.handle(SM.LINK_DOWN)

    def _receive(self, wait_ms: int) -> None:
        board = self.board
        if not board.link_wait(wait_ms):
            return
        dec = self.dec
        chunk = self._chunk
        for i in range(_READS_PER_PASS):
            if i and not board.link_wait(0):
                return
            # the speaker before every read: after a stall (a long collection, a busy radio;
            # the wait above included) its DMA has played on meanwhile, so what is due leaves
            # the ring before the link's backlog lands in it, which would otherwise overflow it
            self._pump_speaker()
            want = dec.wanted() if self._exact_reads else _CHUNK_BYTES
            if want > _CHUNK_BYTES:
                want = _CHUNK_BYTES
            n = board.link_readinto(chunk, want)
            if n < 0:
                self._link_down(True)
                return
            if n == 0:
                return
            dec.feed(chunk, n)
            self._last_rx_ms = board.ticks_ms()
            self.link_moves += 1
            while self.link_up:
                t = dec.next()
                if t == 0:
                    break
                h = self._handlers.get(t)
                if h is not None and (self.dec.opener is not None or t in _BEFORE_AUTH):
                    h()
            if not self.link_up:
                return

    # ---- host messages -------------------------------------------------------------------
    def _on_auth(self) -> None:
        """The host's half of the handshake (docs/protocol.md section 6): handshake.py, loaded
        only while it runs, checks its proof, sends ours and seals the link."""
        if self._key is None or self.dec.opener is not None or not self.nonce:
            return
        gc.collect()  # room for the handshake's code
        import handshake
        handshake.run(self)
        del handshake
        sys.modules.pop("handshake", None)

    def _on_welcome(self) -> None:
        f = P.decode_fields(P.WELCOME, self.dec.payload)
        codec = f["codec"]
        if (f["protocol_version"] != P.VERSION or not self._use_codec(codec)
                or f["sample_rate_hz"] != P.SAMPLE_RATE_HZ or f["frame_ms"] != P.FRAME_MS
                or f["channels"] != P.CHANNELS):
            self.board.log("host welcome offers an audio format this firmware cannot play; "
                           "update the host or the firmware")
            self.handle(SM.HOST_ERROR)
            return
        self.session_id = f["session_id"]
        self.duplex = (f["host_capabilities"] & _HOST_VOICE_BARGE_IN) != 0
        self.positions = self.duplex and (f["host_capabilities"] & _HOST_PLAYBACK_POSITION) != 0
        self.speech_rx_samples = 0  # the host counts its downlink from its WELCOME
        self.welcomes += 1
        self.backoff.reset()
        self.board.mark(M.MARK_WELCOME, 0, self.session_id & 0xFFFFFFFF)
        self.welcomed = True
        self.handle(SM.WELCOME)
        if self._auto_listen:
            self._auto_listen = False
            self.handle(SM.TAP)

    def _use_codec(self, codec: int) -> bool:
        """Switch the audio frames to the codec WELCOME chose (one this earpiece offered); each
        direction's coder starts afresh with the session. False for a codec not offered."""
        if codec == P.CODEC_PCM16:
            self.adpcm = None
        elif codec == P.CODEC_IMA_ADPCM and self.codecs & P.CODEC_IMA_ADPCM:
            link = self._adpcm_link
            if link is None:
                gc.collect()  # room for the codec's code, loaded once and kept
                from adpcm_link import AdpcmLink
                link = self._adpcm_link = AdpcmLink()
            link.reset()
            self.adpcm = link
        else:
            return False
        self.codec = codec
        return True

    def _on_error(self) -> None:
        f = P.decode_fields(P.ERROR, self.dec.payload)
        if (f["code"] == P.ERR_UNSUPPORTED_AUDIO and not self.welcomed
                and self.codecs != P.CODEC_PCM16):
            # a host from before codec negotiation takes PCM16 alone: offer only that from now on
            self.codecs = P.CODEC_PCM16
            self.board.log("the host takes 16-bit PCM audio only; offering just that")
        self.last_error_code = f["code"]
        self.last_error = f["message"]
        self.board.mark(M.MARK_HOST_ERROR, f["code"], 0)
        self.board.log("host error " + str(f["code"]) + ": " + f["message"])
        self.handle(SM.HOST_ERROR)

    def _on_bye(self) -> None:
        f = P.decode_fields(P.BYE, self.dec.payload)
        self.bye_reason = f["reason"]
        if f["reason"] != P.BYE_NORMAL or f["message"]:
            self.board.log("host said bye (" + str(f["reason"]) + "): " + f["message"])
        self.handle(SM.HOST_BYE)

    def _on_ping(self) -> None:
        if self.dec.length >= 8 and self.link_up:
            move(self.enc.buf, P.HEADER_BYTES, self.dec.buf, P.HEADER_BYTES, 8)
            self.enc.finish(P.PONG, 0, 8)
            self._send()

    def _on_speech(self) -> None:
        dec = self.dec
        n = dec.length
        end = dec.flags & P.FLAG_END
        if end:
            self._end_seq = dec.seq
        self.speech_bytes_rx += n
        # every sample the host sent counts, played or not: the host numbers them the same way
        if self.adpcm is None:
            samples = n >> 1
        else:
            samples = (n - 4) << 1 if n > 4 else 0
        self.speech_rx_samples = (self.speech_rx_samples + samples) & _POS_MASK
        self.board.mark(M.MARK_SPEECH_RX, n, end)
        new, actions = SM.next_state(self.state, SM.SPEECH_AUDIO)
        if actions & SM.A_PLAY:
            src = dec.buf if n == 0 else dec.payload
            if self.adpcm is not None and n:
                src = self.adpcm.pcm
                n = self.adpcm.speech(dec.payload, n)  # -1: not an ADPCM frame, dropped
            if n < 0:
                self.dropped_speech_bytes += dec.length
            elif not self.player.push(src, n, end != 0):
                self.board.mark(M.MARK_OVERRUN, n, self.player.overruns)
        else:
            self.dropped_speech_bytes += n
        if new != self.state:
            self.handle(SM.SPEECH_AUDIO)

    def _on_listen_start(self) -> None:
        self.handle(SM.HOST_LISTEN_START)

    def _on_listen_stop(self) -> None:
        if self.state == SM.LISTENING:
            self.board.mark(M.MARK_LISTEN_RX, 0, self.dec.payload[0])
        self.handle(SM.HOST_LISTEN_STOP)

    def _on_interrupt(self) -> None:
        flushed = self.player.ring.count
        self.board.mark(M.MARK_INTERRUPT_RX, self.dec.payload[0], flushed)
        self.handle(SM.HOST_INTERRUPT)

    def _on_state(self) -> None:
        if self.dec.payload[0] == SM.IDLE:
            self.handle(SM.HOST_STATE_IDLE)

    def _on_volume(self) -> None:
        self.player.volume.set(self.dec.payload[0])

    def _on_config(self) -> None:
        # CONFIG_GET / CONFIG: provision.py answers (USB link only; it owes a restart on success)
        if self._key is not None and self.dec.opener is None:
            return  # a paired earpiece is provisioned only by the host that holds its key
        if self.provision is None:
            P.encode_error(self.enc, P.ERR_NOT_ON_THIS_LINK,
                           "this earpiece has no config file to provision")
        else:
            self.provision.answer(self.enc, self.dec.type, self.dec.payload)
        self._send()

    # ---- hands-free ----------------------------------------------------------------------
    def _arm_gate(self) -> None:
        """Back to idle with hands-free on: keep the mic running and listen for voice."""
        gate = self.gate
        if gate is None or self.preroll is None:
            return
        gate.reset()
        self.preroll.reset()
        self.board.mic_start()

    def _gate_frame(self, buf, n: int) -> None:
        """An idle mic frame: remember it (pre-roll) and open a voice turn on onset."""
        gate = self.gate
        pre = self.preroll
        if gate is None or pre is None or self.player.ring.count:
            return
        if not gate.feed(buf, n):
            if gate.level > gate.threshold() and self._radio_boost is not None:
                self._radio_boost()  # perhaps a voice: no beacon-interval delay on its reply
            pre.push(buf)
            return
        # onset: LISTEN_START (voice), then the pre-roll oldest first (preroll_ms before the
        # first loud frame, and the loud frames before this one), this frame, then live frames
        board = self.board
        self._send_small(P.LISTEN_START, P.SOURCE_VOICE)
        board.mark(M.MARK_LISTEN_TX, 1, P.SOURCE_VOICE)
        scratch = self._spk_buf  # the speaker is idle
        for i in range(pre.count):
            move(scratch, 0, pre.buf, pre.oldest_offset(i), P.FRAME_BYTES)
            self._encode_mic(scratch, P.FRAME_BYTES)
            self._send()
            self.mic_frames_sent += 1
        board.mark(M.MARK_PREROLL_SENT, pre.count, (self.mic_frames - 1) & 0xFFFF)
        pre.reset()
        self._encode_mic(buf, n)
        self._send()
        self.mic_frames_sent += 1
        self.voice_turns += 1
        self.handle(SM.HOST_LISTEN_START)  # idle -> listening, mic on; nothing more is sent
        self._voice_turn = self.state == SM.LISTENING
        self._voice_start_ms = board.ticks_ms()

    def overruns(self) -> int:
        """Playback ring overflows plus the board's mic DMA overflows (if it counts them)."""
        return self.player.overruns + getattr(self.board, "mic_overruns", 0)

    def underruns(self) -> int:
        """Playback underruns: the player's, or the board's own count if it keeps one."""
        u = self.player.underruns
        b = getattr(self.board, "underruns", 0)
        return b if b > u else u

    # ---- audio ---------------------------------------------------------------------------
    def _encode_mic(self, buf, n: int) -> None:
        """A MIC_AUDIO frame in the link's codec, in the encoder's buffer (not yet sent)."""
        if self.adpcm is not None:
            self.adpcm.mic_frame(self.enc, buf, n)
        else:
            self.enc.audio(P.MIC_AUDIO, buf, n)

    def _playing_index(self, clock: int) -> int:
        """The downlink index playing at this point of the speaker's clock: within the last
        frame written that had begun by then; after its end (an underrun, a gap) the next one
        to play, so the host can tell how long silence played."""
        h = self._w_head
        for _ in range(_WRITES):
            h = (h - 1) & (_WRITES - 1)
            into = (clock - self._w_clock[h]) & _POS_MASK
            if into < 0x20000000:  # the frame had begun (clocks wrap at 2**30)
                n = self._w_samples[h]
                return (self._w_index[h] + (into if into < n else n)) & _POS_MASK
        return self._w_index[h]  # before every frame remembered: the oldest's start

    def _encode_mic_playing(self, buf, n: int) -> None:
        """MIC_AUDIO_PLAYING: the frame and the downlink sample the speaker was playing as it
        was captured (the board's speaker clock, mapped through the last frame written)."""
        enc = self.enc
        enc.put_u32(self._playing_index(self.board.mic_speaker_pos()))
        if self.adpcm is not None:
            self.adpcm.mic_frame(enc, buf, n, 0, P.MIC_AUDIO_PLAYING, 4)
        else:
            enc.audio_at(P.MIC_AUDIO_PLAYING, buf, n, 4)

    def _pump_mic(self) -> None:
        board = self.board
        buf = self._mic_buf
        while True:
            n = board.mic_readinto(buf)
            if n <= 0:
                return
            idx = self.mic_frames
            self.mic_frames = idx + 1
            speaking = self.state == SM.SPEAKING or self.state == SM.SPEAKING_THEN_LISTEN
            if self.welcomed and (self.mic_on or (self.duplex and speaking)):
                self.audio_moves += 1
                if self.positions and speaking:
                    self._encode_mic_playing(buf, n)
                else:
                    self._encode_mic(buf, n)
                seq = (self.enc.seq - 1) & 0xFFFF
                self._send()
                self.mic_frames_sent += 1
                board.mark(M.MARK_MIC_SENT, idx & 0xFFFF, seq)
            elif self.gate is not None and self.state == SM.IDLE and self.welcomed:
                self._gate_frame(buf, n)

    def _pump_speaker(self) -> None:
        s = self.state
        if s != SM.SPEAKING and s != SM.SPEAKING_THEN_LISTEN:
            return
        player = self.player
        board = self.board
        if player.should_start():
            player.started = True
            board.speaker_start()
        if not player.started:
            return
        buf = self._spk_buf
        while board.speaker_needs_frame():
            n = player.pull(buf)
            if n < 0:
                board.speaker_stop(True)  # the reply's tail still plays from the DMA
                self._send_played()
                self.handle(SM.END_PLAYED)
                return
            if n > 0:
                # the downlink index of this frame's first sample: the ring holds the newest
                # samples received, so it starts that far behind the count received
                h = self._w_head
                self._w_clock[h] = self._spk_clock
                self._w_index[h] = (self.speech_rx_samples - (player.ring.count >> 1)
                                    - (n >> 1)) & _POS_MASK
                self._w_samples[h] = n >> 1
                self._w_head = (h + 1) & (_WRITES - 1)
            self._spk_clock = (self._spk_clock + 320) & _POS_MASK
            board.speaker_write(buf, n)
            self.audio_moves += 1
            if n == 0:
                board.mark(M.MARK_UNDERRUN, 0, player.underruns)

    def _send_played(self) -> None:
        """PLAYED: the reply whose END chunk had this seq has left the speaker (the host counts
        an announcement delivered only now)."""
        s = self._end_seq
        self._end_seq = -1
        if s < 0 or not self.welcomed:
            return
        b = self.enc.buf
        b[P.HEADER_BYTES] = s & 0xFF
        b[P.HEADER_BYTES + 1] = s >> 8
        self.enc.finish(P.PLAYED, 0, 2)
        self._send()

    def _pump_buttons(self) -> None:
        board = self.board
        while True:
            ev = board.button_event()
            if ev < 0:
                return
            board.mark(M.MARK_BUTTON, ev, 0)
            self.handle(ev)

    # ---- timers and the loop -------------------------------------------------------------
    def _timers(self, now: int) -> None:
        cfg = self.config
        if not self.link_up:
            return
        if self.state == SM.CONNECTING or self.state == SM.ERROR:
            if time.ticks_diff(now, self._last_hello_ms) >= cfg.hello_interval_ms:
                self._send_hello()
        elif time.ticks_diff(now, self._last_status_ms) >= cfg.status_interval_ms:
            self._send_status()
        if (self._voice_turn and self.state == SM.LISTENING
                and time.ticks_diff(now, self._voice_start_ms) >= cfg.max_utterance_ms):
            # the host's endpointer never ended this voice turn (a noisy room): end it here
            self._voice_turn = False
            self._send_small(P.LISTEN_STOP, P.SOURCE_TIMEOUT)
            self.board.mark(M.MARK_LISTEN_TX, 0, P.SOURCE_TIMEOUT)
            self.handle(SM.HOST_LISTEN_STOP)
        quiet = time.ticks_diff(now, self._last_rx_ms)
        if quiet >= cfg.link_dead_ms:
            self.board.log("no frame from the host for 15 s; reconnecting")
            self._link_down(True)
        elif (self.welcomed and quiet >= cfg.ping_after_quiet_ms
              and time.ticks_diff(now, self._last_ping_ms) >= cfg.ping_after_quiet_ms):
            self._last_ping_ms = now
            self._ping_token = (self._ping_token + 1) & 0xFFFF
            P.encode_ping(self.enc, self._ping_token,
                          time.ticks_diff(now, self._boot_ms) & 0x3FFFFFFF)
            self._send()

    def track_heap(self) -> None:
        a = gc.mem_alloc()
        if a > self.peak_heap_bytes:
            self.peak_heap_bytes = a

    def step(self) -> None:
        """One pass of the loop."""
        board = self.board
        self.track_heap()
        now = board.ticks_ms()
        wait = board.due_in_ms()
        if wait > _MAX_WAIT_MS:
            wait = _MAX_WAIT_MS
        elif wait < 0:
            wait = 0
        if self.link_up:
            self._receive(wait)
        else:
            self._connect(now)
            if not self.link_up:
                time.sleep_ms(wait)
        self._pump_buttons()
        self._pump_mic()
        self._pump_speaker()
        now = board.ticks_ms()
        self._timers(now)
        wd = self.watchdog
        if wd is not None:
            s = self.state
            w = wd.tick(now, self.link_moves, self.audio_moves, self.mic_on or (
                (s == SM.SPEAKING or s == SM.SPEAKING_THEN_LISTEN) and self.player.started))
            if w:
                self._wdt(1 if w == _WDT_ARM else 0)  # type: ignore[misc]

    def step_guarded(self) -> bool:
        """step() inside the global exception handler; False when errors come so fast
        (_ERROR_BURST within _ERROR_WINDOW_MS) that only a reset of the board can help."""
        try:
            self.step()
            return True
        except Exception as e:  # a bug: log it, tell the host, start the loop clean
            return self.recover(e)

    def recover(self, exc: BaseException) -> bool:
        """A bug escaped step(): log it with its traceback, tell the host (ERROR, internal)
        and start the loop clean rather than sit dead in an ear."""
        import io
        import sys
        self.errors += 1
        board = self.board
        now = board.ticks_ms()
        if self.errors == 1 or time.ticks_diff(now, self._burst_start_ms) > _ERROR_WINDOW_MS:
            self._burst_start_ms = now
            self._burst = 0
        self._burst += 1
        board.mark(M.MARK_RECOVERED, self.errors & 0xFFFF, 0)
        tb = io.StringIO()
        sys.print_exception(exc, tb)  # type: ignore[attr-defined]  # MicroPython's sys
        board.log("loop error " + str(self.errors) + ", restarting the loop:\n"
                  + tb.getvalue())  # type: ignore[attr-defined]  # not in the stubs
        if self.link_up:
            try:
                opener = self.dec.opener
                self.dec.reset()  # a frame half-handled when the error struck is dropped ...
                self.dec.opener = opener  # ... the session's keys stay
                P.encode_error(self.enc, _ERROR_INTERNAL,
                               P.fit_str8("earpiece firmware error, loop restarted: "
                                          + type(exc).__name__ + ": " + str(exc)))
                self._send()
            except Exception:
                self._link_down(True)
        try:  # the state machine: idle, mic and speaker stopped, STATE idle to the host
            self.handle(SM.LOOP_ERROR)
        except Exception:  # the board itself may be what failed: at least stop using it
            self.player.flush()
            self.mic_on = False
        return self._burst < _ERROR_BURST

    def close(self) -> None:
        if self.link_up:
            P.encode_bye(self.enc, P.BYE_SHUTDOWN, "")
            self._send()
            self._link_down(False)
        self.board.mic_stop()
        self.board.speaker_stop()

    def summary(self) -> dict:
        d = self.dec.counters()
        d["state"] = SM.STATE_NAMES[self.state]
        d["welcomes"] = self.welcomes
        d["mic_frames"] = self.mic_frames
        d["mic_frames_sent"] = self.mic_frames_sent
        d["speech_bytes_rx"] = self.speech_bytes_rx
        d["frames_played"] = self.player.frames_played
        d["underruns"] = self.underruns()
        d["connect_attempts"] = self.connect_attempts
        d["voice_turns"] = self.voice_turns
        d["errors"] = self.errors
        d["low_battery"] = self.low_battery
        d["overruns"] = self.overruns()
        d["dropped_speech_bytes"] = self.dropped_speech_bytes
        d["peak_heap_bytes"] = self.peak_heap_bytes
        d["last_error_code"] = self.last_error_code
        d["last_error"] = self.last_error
        d["auth_refusals"] = self.auth_refusals
        d["codec"] = self.codec
        d["bad_speech_frames"] = self._adpcm_link.bad_speech if self._adpcm_link is not None else 0
        return d
