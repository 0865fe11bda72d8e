#!/usr/bin/env bash
# Starts the Firebird server (no systemd on these machines) and waits for port 3050.
# Fails loudly when it cannot: POS tests are never skipped for a missing server.
set -euo pipefail
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

if ! (exec 3<>/dev/tcp/127.0.0.1/3050) 2>/dev/null; then
  $SUDO /etc/init.d/firebird3.0 start || $SUDO service firebird3.0 start
fi
for _ in $(seq 1 100); do
  if (exec 3<>/dev/tcp/127.0.0.1/3050) 2>/dev/null; then echo "firebird: listening on 127.0.0.1:3050"; exit 0; fi
  sleep 0.1
done
echo "firebird: the server did not open port 3050; see /var/log/firebird/firebird3.0.log" >&2
exit 1
