"""Macros of the "Er ledelsen kønsbalanceret?" widget: the form with its build-time result, and the
table of minimums, both from koensbalance.maaltal.balance."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from koensbalance.catalogue import Catalogue
from koensbalance.maaltal import balance, view
from macros import render

BALANCE_DEFAULT = {"kvinder": "2", "maend": "5"}


def register(env: Any, catalogue: Catalogue) -> None:
    rule = balance.BalanceRule.from_data(catalogue.balance)

    @env.macro
    def balance_widget() -> Markup:
        """The form, with the default scenario's result rendered by the same Python the browser runs."""
        result = view.balance_view(BALANCE_DEFAULT, rule)
        return render.html_block("widgets/balance.html", values=BALANCE_DEFAULT, result=result,
                                 rule_data=catalogue.balance)

    @env.macro
    def balance_table(first: int = 2, last: int = 20) -> Markup:
        return render.html_block("widgets/balance_table.html",
                                 rows=balance.table(rule, range(first, last + 1)),
                                 data=catalogue.balance,
                                 source=catalogue.source(catalogue.balance["kilde"]["dokument"]))
