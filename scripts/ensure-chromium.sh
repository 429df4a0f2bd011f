#!/usr/bin/env bash
# Installs Debian's Chromium and CJK/Urdu fonts for the browser tests when they are missing.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi 'wenquanyi' || need+=(fonts-wqy-microhei)
fc-list 2>/dev/null | grep -qi 'noto' || need+=(fonts-noto-core)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} (Debian packages) for the browser tests"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
