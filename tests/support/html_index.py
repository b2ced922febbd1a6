"""Parse every page of a built site once: links, resources and element ids, for the link gate."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


@dataclass
class PageInfo:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self, info: PageInfo) -> None:
        super().__init__()
        self.info = info

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name"):
            if values.get(name):
                self.info.ids.add(str(values[name]))
        for name in ("href", "src"):
            if values.get(name) and tag in ("a", "link", "script", "img", "iframe", "source"):
                self.info.links.append(str(values[name]))


def parse_site(site: Path) -> dict[str, PageInfo]:
    """Map of site-relative path ('kilder/index.html') to what the page contains."""
    pages = {}
    for path in site.rglob("*.html"):
        info = PageInfo()
        _Parser(info).feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = info
    return pages


def broken_links(site: Path, pages: dict[str, PageInfo]) -> list[str]:
    """Internal links whose target file or #anchor does not exist."""
    problems = []
    base = "http://site.invalid/"
    for page, info in pages.items():
        page_url = urljoin(base, page)
        for link in info.links:
            target = urlsplit(urljoin(page_url, link))
            if target.scheme not in ("http", "https") or target.netloc != "site.invalid":
                continue  # external link, mailto:, data: … (external requests are another gate)
            path = unquote(target.path)[1:]
            if path == "" or path.endswith("/"):
                path += "index.html"
            file = site / path
            if not file.is_file():
                problems.append(f"{page}: {link} -> {path} findes ikke")
                continue
            fragment = unquote(target.fragment)
            if fragment and path.endswith(".html") and fragment not in pages[path].ids:
                problems.append(f"{page}: {link} -> #{fragment} findes ikke på {path}")
    return problems
