"""Workshop planner: agendas from the sources' formats, their timing, checks, run mode, share links
and exports (Markdown, invitation, iCalendar, QR). Pure functions over small typed values; the
browser reaches them through koensbalance.bridge."""
