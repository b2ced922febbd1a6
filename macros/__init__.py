"""Build-time glue between the catalogue/domain package and MkDocs (macros module and hooks)."""
