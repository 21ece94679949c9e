"""The earpiece main loop: board, link, codec, state machine and playback tied together.

Single-threaded: every pass waits on the link for at most the time until the mic, speaker or
a timer next needs attention, then serves all of them. Buffers are allocated here once.
"""
import gc
import time

from micropython import const

import board as B
import device as D
import protocol as P
from audio import Player, battery_pct
from bufops import move
from version import VERSION

TYPE_CHECKING = False
if TYPE_CHECKING:
    from board_api import Board

FIRMWARE_VERSION = VERSION
_CHUNK_BYTES = const(512)
_MAX_WAIT_MS = const(20)
_READS_PER_PASS = const(8)


class Config:
    """Loop timings and identity (all times in ms)."""

    def __init__(self, device_id: str = "earpiece", firmware_version: str = FIRMWARE_VERSION,
                 hello_interval_ms: int = 1000, status_interval_ms: int = 5000,
                 ping_after_quiet_ms: int = 5000, link_dead_ms: int = 15000,
                 reconnect_ms: int = 1000, playback_ms: int = 500, prebuffer_ms: int = 40,
                 listen_at_start: bool = False) -> None:
        self.device_id = device_id
        self.firmware_version = firmware_version
        self.hello_interval_ms = hello_interval_ms
        self.status_interval_ms = status_interval_ms
        self.ping_after_quiet_ms = ping_after_quiet_ms
        self.link_dead_ms = link_dead_ms
        self.reconnect_ms = reconnect_ms
        self.playback_ms = playback_ms
        self.prebuffer_ms = prebuffer_ms
        self.listen_at_start = listen_at_start


class App:
    """One earpiece: call step() forever. The board is passed in, so the same loop runs on the
    ESP32 and in the virtual earpiece."""

    def __init__(self, board: "Board", config: Config) -> None:
        self.board = board
        self.config = config
        self._exact_reads = getattr(board, "exact_reads", False)
        self.enc = P.Encoder()
        self.dec = P.Decoder()
        self.player = Player(config.playback_ms, config.prebuffer_ms)
        self._chunk = bytearray(_CHUNK_BYTES)
        self._mic_buf = bytearray(P.FRAME_BYTES)
        self._spk_buf = bytearray(P.FRAME_BYTES)
        self.state = D.CONNECTING
        self.link_up = False
        self.welcomed = False
        self.welcomes = 0
        self.session_id = 0
        self.last_error = ""
        self.last_error_code = 0
        self.bye_reason = -1
        self.mic_on = False
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
        }
        board.led(self.state)

    # ---- state machine -------------------------------------------------------------------
    def handle(self, event: int) -> None:
        old = self.state
        new, actions = D.next_state(old, event)
        board = self.board
        if actions & D.A_SEND_INTERRUPT:
            flushed = self.player.flush()
            self._send_small(P.INTERRUPT, P.SOURCE_BUTTON)
            board.mark(B.MARK_INTERRUPT_TX, P.SOURCE_BUTTON, flushed)
        if actions & D.A_FLUSH:
            self.player.flush()
            board.speaker_stop()
        if actions & D.A_MIC_STOP:
            self._pump_mic()  # frames already captured belong to this turn
            self.mic_on = False
            board.mic_stop()
        if actions & D.A_SEND_LISTEN_STOP:
            self._send_small(P.LISTEN_STOP, P.SOURCE_BUTTON)
            board.mark(B.MARK_LISTEN_TX, 0, P.SOURCE_BUTTON)
        if actions & D.A_SEND_LISTEN_START:
            self._send_small(P.LISTEN_START, P.SOURCE_BUTTON)
            board.mark(B.MARK_LISTEN_TX, 1, P.SOURCE_BUTTON)
        self.state = new
        if new != old:
            self.welcomed = self.link_up and new != D.CONNECTING and new != D.ERROR
            board.mark(B.MARK_STATE, new, old)
            board.led(D.wire_state(new))
            if self.welcomed and D.wire_state(new) != D.wire_state(old):
                self._send_small(P.STATE, D.wire_state(new))
        if actions & D.A_MIC_START:
            self.mic_on = True
            board.mic_start()
        if actions & D.A_SEND_HELLO:
            self._send_hello()
        if actions & D.A_SEND_STATUS:
            self._send_status()
        if actions & D.A_CLOSE_LINK:
            self._link_down(False)

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
        P.encode_hello(self.enc, cfg.device_id, cfg.firmware_version, self.board.capabilities)
        self._last_hello_ms = self.board.ticks_ms()
        self._send()

    def _send_status(self) -> None:
        board = self.board
        mv = board.battery_mv()
        self.track_heap()
        gc.collect()  # every 5 s: keeps the peak figure about live data, not old garbage
        P.encode_status(self.enc, mv, battery_pct(mv), board.rssi_dbm(), gc.mem_free(),
                        self.peak_heap_bytes, self.player.underruns, self.player.overruns,
                        self.dec.bad_frames,
                        time.ticks_diff(board.ticks_ms(), self._boot_ms) & 0xFFFFFFFF)
        self._last_status_ms = board.ticks_ms()
        self._send()

    def _connect(self, now: int) -> None:
        if (not self._connect_now
                and time.ticks_diff(now, self._last_connect_ms) < self.config.reconnect_ms):
            return
        self._connect_now = False
        self._last_connect_ms = now
        if not self.board.link_open():
            self._connect_failures += 1
            if self._connect_failures == 1:
                self.board.log("cannot reach the host yet; retrying every "
                               + str(self.config.reconnect_ms) + " ms (is the host running?)")
            return
        self._connect_failures = 0
        self.link_up = True
        self.enc.reset()
        self.dec.reset()
        self._last_rx_ms = now
        self._last_ping_ms = now
        self.board.mark(B.MARK_LINK_UP, 0, 0)
        self.handle(D.LINK_UP)

    def _link_down(self, broken: bool) -> None:
        if not self.link_up:
            return
        self.link_up = False
        self.welcomed = False
        self.dec.close()
        self.board.link_close()
        self.board.mark(B.MARK_LINK_DOWN, 1 if broken else 0, 0)
        self._last_connect_ms = self.board.ticks_ms()
        self.handle(D.LINK_DOWN)

    def _receive(self, wait_ms: int) -> None:
        board = self.board
        if not board.link_wait(wait_ms):
            return
        dec = self.dec
        chunk = self._chunk
        for i in range(_READS_PER_PASS):
            if i and not board.link_wait(0):
                return
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
            while self.link_up:
                t = dec.next()
                if t == 0:
                    break
                h = self._handlers.get(t)
                if h is not None:
                    h()
            if not self.link_up:
                return

    # ---- host messages -------------------------------------------------------------------
    def _on_welcome(self) -> None:
        f = P.decode_fields(P.WELCOME, self.dec.payload)
        if (f["protocol_version"] != P.VERSION or f["codec"] != P.CODEC_PCM16
                or f["sample_rate_hz"] != P.SAMPLE_RATE_HZ or f["frame_ms"] != P.FRAME_MS
                or f["channels"] != P.CHANNELS):
            self.board.log("host welcome offers an audio format this firmware cannot play; "
                           "update the host or the firmware")
            self.handle(D.HOST_ERROR)
            return
        self.session_id = f["session_id"]
        self.welcomes += 1
        self.board.mark(B.MARK_WELCOME, 0, self.session_id & 0xFFFFFFFF)
        self.welcomed = True
        self.handle(D.WELCOME)
        if self._auto_listen:
            self._auto_listen = False
            self.handle(D.TAP)

    def _on_error(self) -> None:
        f = P.decode_fields(P.ERROR, self.dec.payload)
        self.last_error_code = f["code"]
        self.last_error = f["message"]
        self.board.mark(B.MARK_HOST_ERROR, f["code"], 0)
        self.board.log("host error " + str(f["code"]) + ": " + f["message"])
        self.handle(D.HOST_ERROR)

    def _on_bye(self) -> None:
        f = P.decode_fields(P.BYE, self.dec.payload)
        self.bye_reason = f["reason"]
        if f["reason"] != P.BYE_NORMAL or f["message"]:
            self.board.log("host said bye (" + str(f["reason"]) + "): " + f["message"])
        self.handle(D.HOST_BYE)

    def _on_ping(self) -> None:
        if self.dec.length >= 8 and self.link_up:
            move(self.enc.buf, P.HEADER_BYTES, self.dec.buf, P.HEADER_BYTES, 8)
            self.enc.finish(P.PONG, 0, 8)
            self._send()

    def _on_speech(self) -> None:
        dec = self.dec
        n = dec.length
        end = dec.flags & P.FLAG_END
        self.speech_bytes_rx += n
        self.board.mark(B.MARK_SPEECH_RX, n, end)
        new, actions = D.next_state(self.state, D.SPEECH_AUDIO)
        if actions & D.A_PLAY:
            if not self.player.push(dec.buf if n == 0 else dec.payload, n, end != 0):
                self.board.mark(B.MARK_OVERRUN, n, self.player.overruns)
        else:
            self.dropped_speech_bytes += n
        if new != self.state:
            self.handle(D.SPEECH_AUDIO)

    def _on_listen_start(self) -> None:
        self.handle(D.HOST_LISTEN_START)

    def _on_listen_stop(self) -> None:
        self.handle(D.HOST_LISTEN_STOP)

    def _on_interrupt(self) -> None:
        flushed = self.player.ring.count
        self.board.mark(B.MARK_INTERRUPT_RX, self.dec.payload[0], flushed)
        self.handle(D.HOST_INTERRUPT)

    def _on_state(self) -> None:
        if self.dec.payload[0] == D.IDLE:
            self.handle(D.HOST_STATE_IDLE)

    def _on_volume(self) -> None:
        self.player.volume.set(self.dec.payload[0])

    # ---- audio ---------------------------------------------------------------------------
    def _pump_mic(self) -> None:
        board = self.board
        buf = self._mic_buf
        while True:
            n = board.mic_readinto(buf)
            if n <= 0:
                return
            idx = self.mic_frames
            self.mic_frames = idx + 1
            if self.mic_on and self.welcomed:
                self.enc.audio(P.MIC_AUDIO, buf, n)
                seq = (self.enc.seq - 1) & 0xFFFF
                self._send()
                self.mic_frames_sent += 1
                board.mark(B.MARK_MIC_SENT, idx & 0xFFFF, seq)

    def _pump_speaker(self) -> None:
        s = self.state
        if s != D.SPEAKING and s != D.SPEAKING_THEN_LISTEN:
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
                board.speaker_stop()
                self.handle(D.END_PLAYED)
                return
            board.speaker_write(buf, n)
            if n == 0:
                board.mark(B.MARK_UNDERRUN, 0, player.underruns)

    def _pump_buttons(self) -> None:
        board = self.board
        while True:
            ev = board.button_event()
            if ev < 0:
                return
            board.mark(B.MARK_BUTTON, ev, 0)
            self.handle(ev)

    # ---- timers and the loop -------------------------------------------------------------
    def _timers(self, now: int) -> None:
        cfg = self.config
        if not self.link_up:
            return
        if self.state == D.CONNECTING or self.state == D.ERROR:
            if time.ticks_diff(now, self._last_hello_ms) >= cfg.hello_interval_ms:
                self._send_hello()
        elif time.ticks_diff(now, self._last_status_ms) >= cfg.status_interval_ms:
            self._send_status()
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
        self._timers(board.ticks_ms())

    def close(self) -> None:
        if self.link_up:
            P.encode_bye(self.enc, P.BYE_SHUTDOWN, "")
            self._send()
            self._link_down(False)
        self.board.mic_stop()
        self.board.speaker_stop()

    def summary(self) -> dict:
        d = self.dec.counters()
        d["state"] = D.STATE_NAMES[self.state]
        d["welcomes"] = self.welcomes
        d["mic_frames"] = self.mic_frames
        d["mic_frames_sent"] = self.mic_frames_sent
        d["speech_bytes_rx"] = self.speech_bytes_rx
        d["frames_played"] = self.player.frames_played
        d["underruns"] = self.player.underruns
        d["overruns"] = self.player.overruns
        d["dropped_speech_bytes"] = self.dropped_speech_bytes
        d["peak_heap_bytes"] = self.peak_heap_bytes
        d["last_error_code"] = self.last_error_code
        d["last_error"] = self.last_error
        return d
