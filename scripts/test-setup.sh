#!/usr/bin/env bash
# Brings up what the test suite talks to, when this machine has it but it is down:
# PostgreSQL (else the suite runs on embedded PGlite), Mosquitto, and Debian's Chromium
# for the browser tests. Idempotent; prints what it did.
set -u

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if ! port_open 5432; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "test-setup: starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    for _ in $(seq 1 30); do port_open 5432 && break; sleep 0.5; done
  else
    echo "test-setup: no PostgreSQL on 127.0.0.1:5432; tests use embedded PGlite"
  fi
fi

if ! port_open 1883; then
  if command -v mosquitto >/dev/null 2>&1; then
    echo "test-setup: starting Mosquitto"
    mosquitto -d -c /etc/mosquitto/mosquitto.conf || mosquitto -d || true
    for _ in $(seq 1 20); do port_open 1883 && break; sleep 0.25; done
  else
    echo "test-setup: no Mosquitto on 127.0.0.1:1883; MQTT tests start an in-process broker"
  fi
fi

if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "test-setup: installing Debian's chromium for the browser tests"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "test-setup: chromium install failed"
fi
exit 0
