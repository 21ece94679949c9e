"""`earpiece wyoming --zeroconf` is found by an mDNS browser, as Home Assistant finds Wyoming servers.

Run on loopback (multicast on 127.0.0.1), so the test needs no network and disturbs none.
"""

from __future__ import annotations

import asyncio
import uuid

import pytest
from zeroconf import IPVersion, ServiceStateChange
from zeroconf.asyncio import AsyncServiceBrowser, AsyncServiceInfo, AsyncZeroconf

from earpiece_host.wyoming.advertise import SERVICE_TYPE
from wyoming_fixtures import earpiece_wyoming

pytestmark = pytest.mark.slow


async def test_the_server_is_advertised_as_a_wyoming_service(tmp_path):
    name = f"earpiece-test-{uuid.uuid4().hex[:8]}"
    with earpiece_wyoming(tmp_path, "--asr", "pocketsphinx", "--zeroconf", name) as server:
        browser_zc = AsyncZeroconf(interfaces=["127.0.0.1"], ip_version=IPVersion.V4Only)
        found: asyncio.Queue[str] = asyncio.Queue()

        def on_change(zeroconf, service_type, name, state_change):
            if state_change is ServiceStateChange.Added:
                found.put_nowait(name)

        browser = AsyncServiceBrowser(browser_zc.zeroconf, SERVICE_TYPE, handlers=[on_change])
        try:
            seen = []
            while f"{name}.{SERVICE_TYPE}" not in seen:
                seen.append(await asyncio.wait_for(found.get(), 20))
            info = AsyncServiceInfo(SERVICE_TYPE, f"{name}.{SERVICE_TYPE}")
            assert await info.async_request(browser_zc.zeroconf, 5000)
        finally:
            await browser.async_cancel()
            await browser_zc.async_close()
    assert (info.parsed_addresses(), info.port) == ([server.host], server.port)
    assert "loopback only" in server.log_text()  # the user is told nobody else can see it
