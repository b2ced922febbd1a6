"""The catalogue: typed entries loaded from YAML, validated against JSON Schemas and taxonomies."""

from koensbalance.catalogue.model import ENTRY_TYPES, Catalogue, Entry, EntryType, Source, Term
from koensbalance.catalogue.problems import CatalogueError, Problem

__all__ = [
    "ENTRY_TYPES", "Catalogue", "CatalogueError", "Entry", "EntryType", "Problem", "Source", "Term",
]
