"""Two fixes to Material's instant navigation (`navigation.instant` in mkdocs.yml), applied to the
built theme bundle (assets/javascripts/bundle.*.min.js) after the build:

- Material keeps a link on the page (fetches the next page instead of loading it) only if the link is
  in sitemap.xml, whose URLs carry `site_url`. It maps them to the page's protocol and host name but
  not its port, so behind any other port (the tests' and the benchmark's servers, a preview) every
  link was a full page load. The fix maps the port too.
- After swapping the content Material re-creates every <script> in it to run it, copying the text but
  not the attributes of an inline one: a widget's `<script type="application/json" data-kb-config>`
  (and the filter page's index) became an inline classic script, which the CSP refuses (a console
  error) and the widget lost its config. The fix leaves data blocks (any type other than JavaScript)
  as they are; nothing runs them.

- Material's location$ starts empty, so the first change of the URL after a full page load (an
  anchor, a share link pasted into the tab, the filter page's back button) fetched and re-rendered
  the same page: a widget that had just read a pasted link was replaced by a fresh one that had not.
  The fix starts location$'s page stream at the loaded URL, so only a new path fetches a page, and
  leaves links to an anchor on the same page to the browser (it scrolls, as without instant
  navigation).

Each fix must match exactly once, or the build stops with one line: a new Material release needs
this module checked (the fixes may be upstream by then)."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

FIXES = (
    ("sitemap port",
     re.compile(r"(function \w+\((\w),(\w)\)\{return "
                r"\2\.protocol=\3\.protocol,\2\.hostname=\3\.hostname,)(\2\})"),
     r"\1\2.port=\3.port,\4"),
    ("data blocks",
     re.compile(r"else return (\w)\.textContent=(\w)\.textContent,\2\.replaceWith\(\1\),(\w+)\}"),
     r'else return \2.type&&!/^(module|(text|application)\/(java|ecma)script)$/i.test(\2.type)?\3:'
     r"(\1.textContent=\2.textContent,\2.replaceWith(\1),\3)}"),
)


# rxjs' startWith and filter and Material's "current URL" function, by their minified names, from
# the one place the bundle uses all three together (the search highlight).
HELPERS = re.compile(r'(\w+)\((\w+)\(\)\),(\w+)\(o=>!!o\.searchParams\.get\("h"\)\)')


def _first_load_fixes(source: str) -> tuple[tuple[str, re.Pattern[str], str], ...]:
    helpers = HELPERS.search(source)
    if helpers is None:
        return (("helpers", re.compile("(?!)"), ""),)
    start_with, current_url, keep = helpers.groups()
    return (
        ("first location", re.compile(r'(let \w=\w\.pipe\()(ne\("pathname"\),)'),
         rf"\1{start_with}({current_url}()),\2{keep}((_,i)=>i>0),"),
        ("same-page anchors",
         re.compile(r"(return (\w+);if\(\w\.target\|\|e\.metaKey\|\|e\.ctrlKey\)return \2;"
                    r"let (\w)=new URL\(\w\.href\);)"),
         r"\1if(\3.hash&&\3.pathname===location.pathname&&\3.search===location.search)return \2;"),
    )


def patch(source: str) -> str:
    for name, pattern, replacement in (*FIXES, *_first_load_fixes(source)):
        source, count = pattern.subn(replacement, source)
        if count != 1:
            raise PluginError(f"Material-temaets øjeblikkelige navigation kunne ikke rettes ({name}: "
                              f"fundet {count} gange, ventet 1) – tjek macros/instant_nav.py mod den "
                              "nye Material-version.")
    return source


def enabled(features: list[str]) -> bool:
    return "navigation.instant" in features


def apply(site_dir: Path, features: list[str]) -> None:
    if not enabled(features):
        return
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise PluginError(f"Material-temaets JavaScript blev fundet {len(bundles)} gange i "
                          "assets/javascripts/, ventet 1 (macros/instant_nav.py).")
    bundles[0].write_text(patch(bundles[0].read_text(encoding="utf-8")), encoding="utf-8")
