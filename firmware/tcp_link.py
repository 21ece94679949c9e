"""The TCP link to the host, the same on the earpiece (over Wi-Fi) and the virtual earpiece, and
StreamLink, the stream and its closing that every link (the pty of board_unix too) shares.

open() resolves the host, connects with a bounded wait, then leaves the socket non-blocking
(readinto returns what has arrived, write what fits) with Nagle off: 20 ms audio frames must
not wait for an acknowledgement. Every failure is an OSError, which the caller treats as one
failed attempt (the app's backoff decides when to try again).
"""
import socket

_CONNECT_TIMEOUT_S = 2.0


class StreamLink:
    """What every link to the host shares: the open stream (a socket, or the virtual
    earpiece's pty file) and closing it, whatever state it is in."""

    sock = None

    def close(self) -> None:
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
            self.sock = None


class TcpLink(StreamLink):
    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port

    def open(self):
        """The connected socket; OSError when the name does not resolve or nobody answers."""
        # getaddrinfo raises OSError for an unknown name (-202 on the ESP32), never returns []
        ai = socket.getaddrinfo(self.host, self.port, 0, socket.SOCK_STREAM)[0]
        s = socket.socket(ai[0], socket.SOCK_STREAM)
        try:
            s.settimeout(_CONNECT_TIMEOUT_S)
            s.connect(ai[-1])
            s.setblocking(False)
            try:  # IPPROTO_TCP 6, TCP_NODELAY 1
                s.setsockopt(6, 1, 1)
            except OSError:
                pass
        except OSError:
            s.close()
            raise
        self.sock = s
        return s
