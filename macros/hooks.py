"""MkDocs hooks: one small function per job, loud on anything unexpected.

- on_config: load and validate the catalogue (a bad file stops the build before anything is written)
- on_env: give the theme's templates the plan counter's config (partials/header.html)
- on_files: add one generated page per entry and per source (macros/pages.py does the work)
- on_page_content: note whether a page has a widget, and its packages, for its head
  (macros/widget_pages.py, overrides/main.html); mark entry pages up for the site search
  (macros/search_index.py)
- on_post_build: copy the self-hosted Pyodide runtime, our wheels and npm browser libraries into the site;
  build the Pagefind search index over the written pages
- on_build_error / exit: never leave a half-written site behind
"""

from __future__ import annotations

import atexit
import shutil
import sys
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError  # noqa: E402

from macros import (  # noqa: E402
    browse_macros,
    instant_nav,
    offline,
    pages,
    precompress,
    pyodide_assets,
    render,
    search_index,
    security,
    site_data,
    vendor_assets,
    widget_pages,
)

_state: dict[str, Any] = {"command": "build", "finished": True}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    site_data.catalogue()  # raises PluginError listing every problem
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    # From here on the site folder is being rewritten: if the build stops half-way (an error, or a
    # plugin calling exit()), remove it rather than leave a half-built site.
    _state["finished"] = False
    if _state["command"] == "build":
        atexit.register(_remove_unfinished, Path(config.site_dir))


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """The theme's templates get the plan counter's config (partials/header.html) and the filter
    that embeds it as JSON, the same as the site's own templates (macros/render.py)."""
    env.globals["plan_store"] = render.environment().globals["plan_store"]
    env.filters["json_script"] = render.environment().filters["json_script"]
    return env


def on_files(files: Files, config: MkDocsConfig) -> Files:
    catalogue = site_data.catalogue()
    for page in pages.generate(catalogue) + browse_macros.area_pages(catalogue):
        if files.get_file_from_path(page.path) is not None:
            raise PluginError(f"docs/{page.path} findes allerede og ville blive overskrevet af en "
                              "genereret side fra kataloget – omdøb eller slet den håndskrevne side.")
        files.append(File.generated(config, page.path, content=page.markdown))
    return files


def _pagefind(config: MkDocsConfig) -> bool:
    """Pagefind is the site search; a build with Material's own search plugin (the benchmark's "old"
    side, benchmarks/search_bench.py) has no Pagefind index."""
    return "material/search" not in config.plugins and "search" not in config.plugins


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    packages = widget_pages.pyodide_packages(html)
    if packages is not None:
        page.meta[widget_pages.META_KEY] = packages
    if not _pagefind(config) or not page.meta.get("kb_type"):
        return html
    catalogue = site_data.catalogue()
    entry = search_index.entry_for_page(catalogue, page.file.src_uri)
    if entry is None:
        return html
    return search_index.mark_entry(html, search_index.search_words(entry),
                                   search_index.glossary_terms(entry, catalogue),
                                   search_index.filters(entry, catalogue))


def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    pyodide_assets.copy_into(site_dir)
    vendor_assets.copy_into(site_dir)
    if _pagefind(config):
        try:
            search_index.build(site_dir, len(site_data.catalogue().entries))
            search_index.remove_material_search(site_dir)
        except search_index.SearchIndexError as exc:
            raise PluginError(str(exc)) from None
    instant_nav.apply(site_dir, list(config.theme.get("features") or []))
    security.inject_meta(site_dir)  # after every page is written: hashes of their inline scripts
    offline.write_service_worker(site_dir)
    precompress.site(site_dir)
    _state["finished"] = True


def on_build_error(error: Exception) -> None:
    _state["finished"] = False


def _remove_unfinished(site_dir: Path) -> None:
    if not _state["finished"] and site_dir.exists():
        shutil.rmtree(site_dir, ignore_errors=True)
