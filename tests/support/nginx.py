"""Start nginx (Debian's, with the brotli_static module) on a loopback port against a built site,
with the production server block from macros/deploy.py."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from macros import deploy


def nginx_binary() -> str | None:
    return shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve(site_dir: Path, workdir: Path) -> Iterator[str]:
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed: run scripts/ensure-test-tools.sh (make test does)")
    port = _free_port()
    brotli = deploy.BROTLI_MODULE.exists()
    workdir.mkdir(parents=True, exist_ok=True)
    temp = "\n".join(f"    {name}_temp_path {workdir / name};"
                     for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    config = "\n".join([
        f"load_module {deploy.BROTLI_MODULE};" if brotli else "",
        # As root (CI), workers would drop to 'nobody', who cannot read pytest's 0700 temp folders.
        "user root;" if os.geteuid() == 0 else "",
        "worker_processes 1;",
        f"pid {workdir / 'nginx.pid'};",
        f"error_log {workdir / 'error.log'} warn;",
        "events { worker_connections 256; }",
        "http {",
        "    access_log off;",
        temp,
        deploy.server_block(site_dir, f"127.0.0.1:{port}", brotli=brotli),
        "}",
    ])
    conf = workdir / "nginx.conf"
    conf.write_text(config, encoding="utf-8")
    process = subprocess.Popen([binary, "-c", str(conf), "-p", str(workdir), "-g", "daemon off;"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if process.poll() is not None:
                detail = process.stderr.read().decode() if process.stderr else ""
                raise RuntimeError(f"nginx stopped: {detail}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)
