"""nginx configuration for serving the built site in production, generated from the built site
itself (the CSP needs the hashes of the pages' inline scripts).

    python -m macros.deploy site/ --listen 80 > /etc/nginx/sites-enabled/koensbalance.conf

What it sets: precompressed .br/.gz files (brotli_static/gzip_static), application/wasm and
text/javascript for .mjs, immutable caching for Material's content-hashed assets, revalidation
(ETag/304, Cache-Control: no-cache) for everything else, and the security headers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import security  # noqa: E402

BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
# Material's bundles carry a content hash in their names: safe to cache for a year.
VERSIONED = r"^/assets/(javascripts|stylesheets)/.+\.[0-9a-f]{8}\.min\.(js|css)$"


def security_headers(policy: str) -> list[str]:
    return [
        f'add_header Content-Security-Policy "{policy}" always;',
        'add_header X-Content-Type-Options "nosniff" always;',
        'add_header Referrer-Policy "no-referrer" always;',
        'add_header X-Frame-Options "DENY" always;',
        'add_header Cross-Origin-Opener-Policy "same-origin" always;',
        'add_header Permissions-Policy "camera=(), microphone=(), geolocation=()" always;',
    ]


def server_block(site_dir: Path, listen: str, *, brotli: bool = True) -> str:
    """One nginx `server { … }` for the built site in `site_dir`."""
    headers = security_headers(security.site_policy(site_dir, for_header=True))

    def location(match: str, cache: str) -> str:
        lines = [f"location {match} {{", f'    add_header Cache-Control "{cache}" always;']
        lines += [f"    {h}" for h in headers]
        lines += ["    try_files $uri $uri/ =404;", "}"]
        return "\n".join("    " + line for line in lines)

    # Vary: a shared cache in front (a CDN) must not hand a brotli body to a client without brotli.
    compression = ["gzip_static on;", "gzip_vary on;"] + (["brotli_static on;"] if brotli else [])
    return "\n".join([
        "server {",
        f"    listen {listen};",
        f"    root {site_dir.resolve()};",
        "    index index.html;",
        "    server_tokens off;",
        "    charset utf-8;",
        "    charset_types text/css application/javascript text/javascript application/json image/svg+xml;",
        "    etag on;",
        *(f"    {c}" for c in compression),
        "    types {",
        "        text/html html;",
        "        text/css css;",
        "        text/javascript js mjs;",
        "        application/json json map;",
        "        application/wasm wasm;",
        "        image/svg+xml svg;",
        "        image/png png;",
        "        application/xml xml;",
        "        application/zip zip whl;",
        "        text/plain txt;",
        "    }",
        "    default_type application/octet-stream;",
        "    error_page 404 /404.html;",
        location(f'~ "{VERSIONED}"', "public, max-age=31536000, immutable"),
        location("/", "no-cache"),
        "}",
    ])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--listen", default="80")
    parser.add_argument("--no-brotli", action="store_true",
                        help="without libnginx-mod-http-brotli-static (gzip only)")
    args = parser.parse_args(argv)
    print(server_block(args.site, args.listen, brotli=not args.no_brotli))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
