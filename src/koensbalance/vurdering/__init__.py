"""»Vurdér en ydelse«: a guided gender equality assessment of a public service (Ligestillingsvurdering).

stats.py holds the statistics (pure Python), analysis.py the two comparisons the sources make (who
receives the service, what it achieves), model.py the rest of the assessment (service, hypotheses,
success criteria, methods), config.py what the page knows about the catalogue, document.py the
printable assessment and its Markdown, codec.py the share link and the JSON file, chart.py the SVG
chart and view.py the bridge handlers."""
