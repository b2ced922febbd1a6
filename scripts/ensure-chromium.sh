#!/usr/bin/env bash
# Make sure a Chromium for the browser tests exists: $CHROMIUM, Debian's /usr/bin/chromium
# (installed with apt-get when we are root), or Playwright's own download where that works.
set -euo pipefail
if [ -n "${CHROMIUM:-}" ] && [ -x "${CHROMIUM}" ]; then exit 0; fi
for c in /usr/bin/chromium /usr/bin/chromium-browser; do [ -x "$c" ] && exit 0; done
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "Installing Debian's chromium for the browser tests …"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x /usr/bin/chromium ] && exit 0
fi
if .venv/bin/python -m playwright install chromium; then exit 0; fi
echo "No Chromium found. Install one (Debian: 'apt-get install chromium'), or set CHROMIUM=/path/to/chrome." >&2
exit 1
