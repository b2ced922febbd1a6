"""Targets (måltal) under ligestillingslovens § 11: balance rule, and later obligations and projections."""

from koensbalance.maaltal.balance import BalanceAssessment, BalanceRule, assess, assess_form

__all__ = ["BalanceAssessment", "BalanceRule", "assess", "assess_form"]
