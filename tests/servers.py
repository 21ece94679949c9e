"""Real servers on loopback for the dialogue adapter tests: Radicale (CalDAV), Dovecot (IMAP) and
aiosmtpd (SMTP).

Radicale and Dovecot run as subprocesses with their own configuration in a scratch folder and a free
port, are started once per test module through the fixtures below, and are stopped (and their folder
removed) afterwards; the SMTP server runs in a thread of the test process. `.ci/services.sh` installs
Dovecot on CI; Radicale and aiosmtpd come from the test extras.
"""

from __future__ import annotations

import base64
import email.message
import grp
import http.client
import mailbox
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

_START_TIMEOUT_S = 20.0
_STOP_TIMEOUT_S = 10.0


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path | None = None, timeout_s: float = _START_TIMEOUT_S) -> None:
    """Poll until `port` accepts connections; fail with the server's log if it exits or never listens."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    output = log.read_text(errors="replace") if log is not None and log.exists() else ""
    raise RuntimeError(f"server on port {port} did not start (exit code {process.poll()}):\n{output}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=_STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=_STOP_TIMEOUT_S)


# --- Radicale (CalDAV) -----------------------------------------------------------------------


@dataclass
class RadicaleServer:
    """A running Radicale with one htpasswd user; `url` is the server root for CalDavCalendar."""

    url: str
    username: str
    password: str

    def _request(self, method: str, path: str, body: bytes = b"", content_type: str = "application/xml") -> int:
        parts = urlsplit(self.url)
        connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
        token = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
        try:
            connection.request(
                method, path, body=body, headers={"Authorization": f"Basic {token}", "Content-Type": content_type}
            )
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()

    def make_calendar(self, name: str) -> str:
        """Create a calendar collection named `name` over plain HTTP (MKCALENDAR); return its URL."""
        path = f"/{self.username}/{name}/"
        body = (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>'
            f"<D:displayname>{name}</D:displayname>"
            "</D:prop></D:set></C:mkcalendar>"
        ).encode()
        status = self._request("MKCALENDAR", path, body)
        if status not in (201, 405, 409):  # 405/409: it exists already
            raise RuntimeError(f"MKCALENDAR {path} answered {status}")
        return self.url.rstrip("/") + path

    def put_event(self, calendar_url: str, filename: str, ics: bytes) -> None:
        path = urlsplit(calendar_url).path + filename
        status = self._request("PUT", path, ics, content_type="text/calendar; charset=utf-8")
        if status not in (200, 201, 204):
            raise RuntimeError(f"PUT {path} answered {status}")


@contextmanager
def run_radicale(folder: Path, username: str = "user", password: str = "pw") -> Iterator[RadicaleServer]:
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    users = folder / "users"
    users.write_text(f"{username}:{password}\n")
    config = folder / "radicale.conf"
    config.write_text(
        "[server]\n"
        f"hosts = 127.0.0.1:{port}\n"
        "[auth]\n"
        "type = htpasswd\n"
        f"htpasswd_filename = {users}\n"
        "htpasswd_encryption = plain\n"
        "delay = 0\n"
        "[storage]\n"
        f"filesystem_folder = {folder / 'collections'}\n"
        "[logging]\n"
        "level = warning\n"
    )
    log = folder / "radicale.log"
    with open(log, "wb") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(config)],
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_port(port, process, log)
        yield RadicaleServer(url=f"http://127.0.0.1:{port}/", username=username, password=password)
    finally:
        _stop(process)


@pytest.fixture(scope="module")
def radicale_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RadicaleServer]:
    pytest.importorskip("radicale", reason="Radicale is in the test extras: pip install -e '.[test]'")
    with run_radicale(tmp_path_factory.mktemp("radicale")) as server:
        yield server


# --- Dovecot (IMAP) --------------------------------------------------------------------------


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or next(
        (p for p in ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot") if os.access(p, os.X_OK)), None
    )


@dataclass
class DovecotServer:
    """A running Dovecot with one user whose INBOX is the Maildir `maildir`."""

    port: int
    ssl_port: int
    username: str
    password: str
    maildir: Path
    ca_file: Path
    _mail_uid: int
    _mail_gid: int

    def deliver(self, message: email.message.Message | bytes, *, seen: bool = False) -> str:
        """Drop a message into the INBOX Maildir, as a delivery agent would; return its Maildir key."""
        box = mailbox.Maildir(self.maildir, create=False)
        maildir_message = mailbox.MaildirMessage(message)
        if seen:
            maildir_message.set_subdir("cur")
            maildir_message.add_flag("S")
        key = box.add(maildir_message)
        self._give_to_mail_user()
        return key

    def _give_to_mail_user(self) -> None:
        """When the tests run as root, mail is owned by an unprivileged user (Dovecot refuses UID 0)."""
        if os.geteuid() != 0:
            return
        for root, dirs, files in os.walk(self.maildir.parent):
            for name in [*dirs, *files]:
                os.chown(os.path.join(root, name), self._mail_uid, self._mail_gid)
        os.chown(self.maildir.parent, self._mail_uid, self._mail_gid)


def _self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def _dovecot_config(folder: Path, port: int, ssl_port: int, cert: Path, key: Path, uid: int, gid: int) -> str:
    if os.geteuid() == 0:
        # Root runs the master; the login and internal processes must be unprivileged system users.
        internal_user, internal_group, login_user = "dovecot", "dovecot", "dovenull"
    else:
        internal_user = login_user = pwd.getpwuid(os.geteuid()).pw_name
        internal_group = grp.getgrgid(os.getegid()).gr_name
    return f"""
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = {internal_user}
default_internal_group = {internal_group}
default_login_user = {login_user}
first_valid_uid = {min(uid, 500)}
mail_location = maildir:{folder}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {folder}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={folder}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {ssl_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  chroot =
}}
"""


@contextmanager
def run_dovecot(username: str = "user", password: str = "pw") -> Iterator[DovecotServer]:
    binary = dovecot_binary()
    if binary is None:
        pytest.skip("Dovecot is not installed: run .ci/services.sh (it installs dovecot-imapd)")
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        uid, gid = nobody.pw_uid, nobody.pw_gid
    else:
        uid, gid = os.geteuid(), os.getegid()
    # Not under pytest's tmp folder: that is private to the test user, and Dovecot's unprivileged
    # login and mail processes must reach the sockets and the Maildir.
    folder = Path(tempfile.mkdtemp(prefix="earpiece-dovecot-"))
    folder.chmod(0o755)
    try:
        port, ssl_port = free_port(), free_port()
        while ssl_port == port:
            ssl_port = free_port()
        cert, key = _self_signed_certificate(folder)
        (folder / "users").write_text(f"{username}:{{PLAIN}}{password}\n")
        maildir = folder / "mail" / username
        maildir.parent.mkdir()
        mailbox.Maildir(maildir, create=True)
        (folder / "home" / username).mkdir(parents=True)
        if os.geteuid() == 0:
            for path in (folder / "home", folder / "home" / username):
                os.chown(path, uid, gid)
        config = folder / "dovecot.conf"
        config.write_text(_dovecot_config(folder, port, ssl_port, cert, key, uid, gid))
        server = DovecotServer(port, ssl_port, username, password, maildir, cert, uid, gid)
        server._give_to_mail_user()
        process = subprocess.Popen(
            [binary, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
        )
        try:
            wait_for_port(port, process, folder / "dovecot.log")
            wait_for_port(ssl_port, process, folder / "dovecot.log")
            yield server
        finally:
            _stop(process)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def dovecot_server() -> Iterator[DovecotServer]:
    with run_dovecot() as server:
        yield server


# --- aiosmtpd (SMTP) -------------------------------------------------------------------------


@dataclass
class SmtpServer:
    """A running SMTP server that wants STARTTLS (or TLS from the start) and a login, and keeps every
    message it accepted: (envelope sender, recipients, the DATA bytes exactly as received)."""

    port: int
    username: str
    password: str
    ca_file: Path
    implicit_tls: bool
    received: list

    @property
    def url(self) -> str:
        return f"{'smtps' if self.implicit_tls else 'smtp'}://127.0.0.1:{self.port}"

    def ssl_context(self):
        import ssl

        return ssl.create_default_context(cafile=str(self.ca_file))


@contextmanager
def run_smtp(folder: Path, *, implicit_tls: bool = False, username: str = "me@example.org",
             password: str = "pw") -> Iterator[SmtpServer]:
    import ssl

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    folder.mkdir(parents=True, exist_ok=True)
    cert, key = _self_signed_certificate(folder)
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)
    received: list = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
            received.append((envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content)))
            return "250 OK"

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
            username.encode(), password.encode())
        return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535 itself

    port = free_port()
    # PLAIN only: aiosmtpd's LOGIN does not take the initial response smtplib sends after a failed PLAIN.
    kwargs: dict = {"authenticator": authenticate, "auth_exclude_mechanism": ["LOGIN"]}
    if implicit_tls:  # the whole connection is TLS, which aiosmtpd's own STARTTLS bookkeeping cannot see
        controller = Controller(Handler(), hostname="127.0.0.1", port=port, ssl_context=tls, auth_require_tls=False,
                                **kwargs)
    else:
        controller = Controller(Handler(), hostname="127.0.0.1", port=port, tls_context=tls, require_starttls=True,
                                auth_require_tls=True, **kwargs)
    controller.start()
    try:
        yield SmtpServer(port, username, password, cert, implicit_tls, received)
    finally:
        controller.stop()


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[SmtpServer]:
    pytest.importorskip("aiosmtpd", reason="aiosmtpd is in the test extras: pip install -e '.[test]'")
    with run_smtp(tmp_path / "smtp") as server:
        yield server
