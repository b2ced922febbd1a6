"""mkdocs-macros module: the functions hand-written pages in docs/ call by name.

Each macro reads the validated catalogue and renders a template; none of them computes a rule
(that is the domain package's job)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from markupsafe import Markup  # noqa: E402

from koensbalance.catalogue.model import ENTRY_TYPES  # noqa: E402
from koensbalance.maaltal import balance  # noqa: E402
from macros import pages, render, site_data  # noqa: E402

BALANCE_DEFAULT = {"kvinder": "2", "maend": "5"}


def define_env(env: Any) -> None:
    catalogue = site_data.catalogue()  # validation errors stop the build here, before any output

    env.variables["entry_types"] = ENTRY_TYPES

    def here() -> str:
        return str(env.page.file.src_uri)

    @env.macro
    def balance_widget() -> Markup:
        """The "Er ledelsen kønsbalanceret?" form, with its default result rendered at build time."""
        rule = balance.BalanceRule.from_data(catalogue.balance)
        result = balance.assess_form(BALANCE_DEFAULT, rule)
        return render.html_block("widgets/balance.html", values=BALANCE_DEFAULT, result=result,
                                 rule_data=catalogue.balance)

    @env.macro
    def balance_table(first: int = 2, last: int = 20) -> Markup:
        rule = balance.BalanceRule.from_data(catalogue.balance)
        return render.html_block("widgets/balance_table.html",
                                 rows=balance.table(rule, range(first, last + 1)),
                                 data=catalogue.balance,
                                 source=catalogue.source(catalogue.balance["kilde"]["dokument"]))

    @env.macro
    def entry_list(type: str | None = None, source: str | None = None) -> Markup:
        """Markdown list of entries (optionally of one type / from one source) linking to their pages."""
        entries = [e for e in catalogue.entries
                   if (type is None or e.type.name == type)
                   and (source is None or e.citation.source == source)]
        lines = [f"- [{render.escape(e.title)}]({pages.link(here(), pages.entry_path(e))})"
                 for e in sorted(entries, key=lambda e: e.title)]
        return Markup("\n".join(lines) if lines else "*Ingen poster endnu.*")

    @env.macro
    def source_list() -> Markup:
        lines = [f"- [{render.escape(s.title)}]({pages.link(here(), pages.source_path(s.id))}) – "
                 f"{render.escape(s.publisher)}, {render.escape(s.year)}"
                 for s in catalogue.sources]
        return Markup("\n".join(lines))

    @env.macro
    def entry_count(type: str | None = None) -> int:
        return sum(1 for e in catalogue.entries if type is None or e.type.name == type)
