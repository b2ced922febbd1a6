"""Min handlingsplan: the plan a user builds from catalogue entries (kept in their browser), its
validation, prefill from the entries' suggestions, grouping by area, the policy draft (Markdown and a
block list for .docx), the share link, the JSON file and the årshjul (.ics). Pure functions over small
typed values; the browser reaches them through koensbalance.bridge ("plan.*")."""
