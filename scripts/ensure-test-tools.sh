#!/usr/bin/env bash
# Tools the tests drive that pip/npm do not provide: a Chromium, and nginx with the brotli_static
# module (production-serving tests). Debian's packages are installed with apt-get when we are root;
# otherwise $CHROMIUM / Playwright's own browser, and a clear message for what is missing.
set -euo pipefail
missing=()
have_chromium() {
  [ -n "${CHROMIUM:-}" ] && [ -x "${CHROMIUM}" ] && return 0
  [ -x /usr/bin/chromium ] || [ -x /usr/bin/chromium-browser ]
}
have_chromium || missing+=(chromium)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing+=(libnginx-mod-http-brotli-static)
[ ${#missing[@]} -eq 0 ] && exit 0
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "Installing Debian packages for the tests: ${missing[*]} …"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
if [[ " ${missing[*]} " == *" chromium "* ]] && .venv/bin/python -m playwright install chromium; then
  missing=("${missing[@]/chromium}")
fi
echo "Missing for the tests: ${missing[*]}. Install them (Debian: apt-get install ${missing[*]})," >&2
echo "or set CHROMIUM=/path/to/chrome for the browser." >&2
exit 1
