#!/usr/bin/env bash
# Installs the real servers the dialogue adapter tests start on loopback.
#   Dovecot (IMAP):  Debian/Ubuntu package dovecot-imapd; the tests run their own instance with
#                    their own configuration, so the system service is stopped and left disabled.
#   Radicale (CalDAV) comes from PyPI with the test extras (pip install -e '.[test]').
#   openssl makes the throwaway certificate for the IMAP-over-SSL test.
# Safe to run again: it only installs what is missing.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

packages=()
command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] || packages+=(dovecot-imapd)
command -v openssl >/dev/null 2>&1 || packages+=(openssl)

if [ "${#packages[@]}" -gt 0 ]; then
    echo "services.sh: installing ${packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # The package's post-install script may try to start the system service; the tests do not
    # need it, and in containers without an init system the attempt is refused harmlessly.
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi

# The system-wide Dovecot would hold ports 143/993 for nothing; the tests use free ports anyway.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet dovecot 2>/dev/null; then
    $SUDO systemctl stop dovecot || true
    $SUDO systemctl disable dovecot >/dev/null 2>&1 || true
fi

dovecot_bin="$(command -v dovecot || echo /usr/sbin/dovecot)"
echo "services.sh: $("$dovecot_bin" --version | head -n1 | sed 's/^/dovecot /'), $(openssl version)"
