"""Wyoming, the protocol of Home Assistant's voice ecosystem, both ways.

- `server.py` (`earpiece wyoming`): this host's recogniser, synthesiser and the OS offered to
  Home Assistant and any other Wyoming client; `stages.py` loads them in the background and keeps
  one OS conversation per `conversation_id`; `advertise.py` announces the server with zeroconf.
- `remote.py`: remote Wyoming recognisers and synthesisers as stages of this host's voice loop,
  falling back to the local engines (`with_remote_stages()` is the hook for the engine chooser).
- `wire.py`: reading events with every length and wait bounded (Wyoming has no authentication).
"""
