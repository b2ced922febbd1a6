"""Shared fixtures: the real site is built once per run and served on 127.0.0.1; browser tests get
a page that records console errors, page errors and every request, and fail on any of them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import settings

from tests.support import browser as browser_support
from tests.support.build import ROOT, mkdocs_build
from tests.support.server import serve

# A slow first call (imports, a busy CI machine) is not a bug: no per-example deadline.
settings.register_profile("project", deadline=None, max_examples=200)
settings.load_profile("project")


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site") / "site"
    result = mkdocs_build(site)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr[-4000:]}"
    return site


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def nginx_url(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site behind nginx with the production configuration (macros/deploy.py)."""
    from tests.support import nginx

    with nginx.serve(built_site, tmp_path_factory.mktemp("nginx")) as url:
        yield url


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = browser_support.launch(playwright)
        yield browser
        browser.close()


@dataclass
class PageLog:
    origin: str
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests
                if not u.startswith(("data:", "blob:")) and _origin(u) != self.origin]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def page_log(site_url: str) -> PageLog:
    return PageLog(origin=_origin(site_url))


@pytest.fixture
def page(chromium: Any, page_log: PageLog) -> Iterator[Any]:
    """A fresh browser context (cold cache); fails the test on console errors or foreign requests.
    Service workers are blocked here (each fresh context would precache 14 MB); test_offline.py
    covers them."""
    context = chromium.new_context(service_workers="block")
    context.on("request", lambda request: page_log.requests.append(request.url))
    new_page = context.new_page()
    new_page.on("console", lambda m: page_log.console_errors.append(m.text) if m.type == "error"
                else None)
    new_page.on("pageerror", lambda e: page_log.console_errors.append(f"pageerror: {e}"))
    # Workers report their console messages through the context's own events in Playwright.
    new_page.on("worker", lambda w: w.on("console", lambda m: page_log.console_errors.append(
        m.text) if m.type == "error" else None))
    yield new_page
    context.close()
    assert page_log.console_errors == [], f"console errors: {page_log.console_errors}"
    assert page_log.foreign_requests() == [], f"requests left the origin: {page_log.foreign_requests()}"
