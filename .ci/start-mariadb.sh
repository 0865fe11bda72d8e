#!/usr/bin/env bash
# Starts Debian's MariaDB server (no systemd on these machines), waits for port 3306, and makes
# sure the test user exists: tillbridge_test (password $MARIADB_TEST_PASSWORD, default
# "tillbridge-test") may create, use and drop the databases named tb_test_* that
# test/helpers/mariadb.ts makes per test file. Idempotent; fails loudly when the server cannot
# start: POS tests are never skipped for a missing server.
set -euo pipefail
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
PASSWORD="${MARIADB_TEST_PASSWORD:-tillbridge-test}"

listening() { (exec 3<>/dev/tcp/127.0.0.1/3306) 2>/dev/null; }

if ! listening; then
  if ! $SUDO /etc/init.d/mariadb start; then
    # The init script gave up (e.g. a slow first start): start the server in the background ourselves.
    $SUDO install -d -o mysql -g mysql /run/mysqld
    $SUDO sh -c 'nohup /usr/bin/mysqld_safe >/dev/null 2>&1 &'
  fi
fi
for _ in $(seq 1 300); do
  if listening; then break; fi
  sleep 0.1
done
if ! listening; then
  echo "mariadb: the server did not open port 3306; see /var/log/mysql/ or run 'mysqld_safe' by hand" >&2
  exit 1
fi

# root logs in through the Unix socket (Debian's default); the test user logs in over TCP with a password.
$SUDO mariadb --protocol=socket -uroot <<SQL
CREATE USER IF NOT EXISTS 'tillbridge_test'@'localhost' IDENTIFIED BY '${PASSWORD}';
CREATE USER IF NOT EXISTS 'tillbridge_test'@'127.0.0.1' IDENTIFIED BY '${PASSWORD}';
ALTER USER 'tillbridge_test'@'localhost' IDENTIFIED BY '${PASSWORD}';
ALTER USER 'tillbridge_test'@'127.0.0.1' IDENTIFIED BY '${PASSWORD}';
GRANT ALL PRIVILEGES ON \`tb\\_test\\_%\`.* TO 'tillbridge_test'@'localhost';
GRANT ALL PRIVILEGES ON \`tb\\_test\\_%\`.* TO 'tillbridge_test'@'127.0.0.1';
SQL
echo "mariadb: listening on 127.0.0.1:3306, user tillbridge_test ready"
