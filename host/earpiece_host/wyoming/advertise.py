"""Advertising the server on the LAN as ``_wyoming._tcp``, as the official Wyoming servers do."""

from __future__ import annotations

import ipaddress
import logging
import socket

from .server import local_address_for_lan

log = logging.getLogger(__name__)

SERVICE_TYPE = "_wyoming._tcp.local."


class Advertiser:
    """A registered service; `close()` withdraws it (a goodbye packet) and stops the responder."""

    def __init__(self, zeroconf, info) -> None:
        self._zeroconf = zeroconf
        self.info = info

    async def close(self) -> None:
        await self._zeroconf.async_unregister_service(self.info)
        await self._zeroconf.async_close()


async def advertise(name: str, host: str, port: int, *, interfaces: list[str] | None = None) -> Advertiser:
    """Register ``NAME._wyoming._tcp.local.`` pointing at host:port.

    A server bound to every address (0.0.0.0) is advertised at the address this machine uses on the
    LAN. One bound to loopback is advertised on loopback only, where nobody else can see it; that
    is said in the log, since it is almost never what the user wants.
    """
    from zeroconf import IPVersion
    from zeroconf.asyncio import AsyncServiceInfo, AsyncZeroconf

    address = local_address_for_lan() if host in ("0.0.0.0", "") else host
    if ipaddress.ip_address(address).is_loopback:
        log.warning("zeroconf: advertising %s on loopback only; other machines will not find it. "
                    "Listen on a LAN address (--uri tcp://0.0.0.0:PORT) to be found.", address)
        interfaces = interfaces or [address]
    zeroconf = AsyncZeroconf(interfaces=interfaces or [address], ip_version=IPVersion.V4Only)
    info = AsyncServiceInfo(SERVICE_TYPE, f"{name}.{SERVICE_TYPE}", addresses=[socket.inet_aton(address)],
                            port=port, server=f"{socket.gethostname()}.local.")
    await zeroconf.async_register_service(info)
    log.info("zeroconf: advertised %s at %s:%d", info.name, address, port)
    return Advertiser(zeroconf, info)
