"""The OS: the dialogue engine behind the earpiece, `earpiece chat` and `earpiece ask`.

    engine = open_engine(data_dir)
    reply = engine.handle("remind me to call Amy tomorrow at five", DeviceContext(device_id="ear-1"))
    for a in engine.due_announcements(device_id="ear-1"):   # poll; play a chime, then a.text
        ...; engine.mark_delivered(a.id)                       # only once it was actually played
"""

from .config import DialogueConfig, default_data_dir
from .engine import AnnouncementError, Engine, open_engine
from .nlu import INTENTS
from .types import Announcement, DeviceContext, Reply, SetVolume

__all__ = [
    "INTENTS", "Announcement", "AnnouncementError", "DeviceContext", "DialogueConfig", "Engine", "Reply", "SetVolume",
    "default_data_dir", "open_engine",
]
