#!/usr/bin/env bash
# System packages the tests need: the Firebird 3 server and its tools and Debian's MariaDB server and
# client (real POS database tests), and Debian's Chromium with a font for the dashboard's browser tests (never a downloaded browser).
# Idempotent: a second run costs about a second.
set -euo pipefail

need=()
command -v isql-fb >/dev/null 2>&1 || need+=(firebird3.0-server firebird3.0-utils)
[ -x /usr/sbin/fbguard ] || [ -x /usr/sbin/firebird ] || need+=(firebird3.0-server)
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
command -v mariadb >/dev/null 2>&1 || need+=(mariadb-client)
command -v openssl >/dev/null 2>&1 || need+=(openssl)   # the emulator's HTTPS listener makes its certificate with it
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
command -v php >/dev/null 2>&1 || need+=(php-cli)
{ command -v php >/dev/null 2>&1 && php -m 2>/dev/null | grep -qx mysqli; } || need+=(php-mysql)

if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  # Preseed SYSDBA's password so the package does not invent a random one.
  echo "firebird3.0-server shared/firebird/sysdba_password/first_install password masterkey" | $SUDO debconf-set-selections
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -q \
    --no-install-recommends "${need[@]}"
fi
