"""The echo handler: plays each heard turn straight back to the earpiece.

It proves the whole link without any speech engine: what the microphone heard comes back out of
the speaker bit for bit. The demo and the link tests use it; ``--record DIR`` keeps each turn.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import protocol as p
from .audio import FRAME_BYTES, FRAME_MS, write_wav
from .session import DeviceInfo, DeviceLink

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Turn:
    device_id: str
    pcm: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.pcm).hexdigest()


@dataclass
class EchoHandler:
    info: DeviceInfo
    turn_ms: int = 0  # > 0: end the turn after this much audio; 0: wait for the device's LISTEN_STOP
    record_dir: Path | None = None
    on_turn: Callable[[Turn], None] | None = None
    max_turn_ms: int = 30_000
    _link: DeviceLink | None = None
    _pcm: bytearray = field(default_factory=bytearray)
    _listening: bool = False
    turns: list[Turn] = field(default_factory=list)

    async def started(self, link: DeviceLink) -> None:
        self._link = link

    async def received(self, message: p.Message) -> None:
        if isinstance(message, p.ListenStart):
            self._listening = True
            self._pcm.clear()
        elif isinstance(message, p.MicAudio):
            if not self._listening:
                return  # in flight after the turn ended
            self._pcm += message.pcm
            heard_ms = len(self._pcm) * FRAME_MS // FRAME_BYTES
            if (self.turn_ms and heard_ms >= self.turn_ms) or heard_ms >= self.max_turn_ms:
                self._link.send(p.ListenStop(source=p.Source.HOST))
                await self._end_turn()
        elif isinstance(message, p.ListenStop):
            await self._end_turn()
        elif isinstance(message, p.Interrupt):
            self._link.flush_speech()
            self._link.send(p.Interrupt(source=p.Source.HOST))

    async def _end_turn(self) -> None:
        if not self._listening:
            return
        self._listening = False
        turn = Turn(self.info.device_id, bytes(self._pcm))
        self._pcm.clear()
        self.turns.append(turn)
        log.info("%s: heard %.2f s, playing it back", turn.device_id, len(turn.pcm) / 32000)
        if self.record_dir is not None:
            self.record_dir.mkdir(parents=True, exist_ok=True)
            write_wav(self.record_dir / f"{turn.device_id}-{len(self.turns):03d}.wav", turn.pcm)
        if self.on_turn is not None:
            self.on_turn(turn)
        await self._link.send_speech(turn.pcm, end=True)

    async def stopped(self) -> None:
        self._link = None
