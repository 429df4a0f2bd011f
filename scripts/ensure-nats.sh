#!/usr/bin/env bash
# The information-security nodes' tests need NATS with JetStream at NATS_URL (default
# 127.0.0.1:4222). The development and CI machines run one; where none answers, install Debian's
# nats-server and start it with JetStream, storing in a temporary directory.
set -euo pipefail
url=${NATS_URL:-nats://127.0.0.1:4222}
hostport=${url#nats://}
host=${hostport%:*} port=${hostport##*:}
answers() { (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; }
answers && exit 0
if ! command -v nats-server >/dev/null && [ ! -x /usr/sbin/nats-server ]; then
  echo "installing nats-server (Debian package) for the information-security tests"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nats-server >/dev/null
fi
store=$(mktemp -d)
"$(command -v nats-server || echo /usr/sbin/nats-server)" -a "$host" -p "$port" -js -sd "$store" >/dev/null 2>&1 &
for _ in $(seq 1 50); do answers && exit 0; sleep 0.1; done
echo "nats-server did not start on $host:$port" >&2
exit 1
