"""»Ansæt en sektorskifter« (issue 17): the leader-mobility recommendations of *Hvordan styrker vi
ledermobiliteten på tværs af stat, regioner og kommuner?* (Taskforcen om ledermobilitet, 2022–2023)
as one kit the hiring leader, HR and the candidate fill in together.

- config.py: the kit's catalogue data (catalogue/mobilitet/*.yaml) as typed values (held word for
  word to the entries it comes from by the catalogue check, koensbalance.catalogue.data_checks);
- model.py: the user's kit (answers, numbers, start date, ticks) and its validation;
- expectations.py: each side's totals, the side-by-side differences and the marked topics;
- chart.py: the comparison chart as SVG geometry with its text alternative;
- dates.py: working days (Danish public holidays from the `holidays` package), the follow-up
  conversations and the dated preboarding/onboarding checklist;
- ics.py: the conversations as a calendar file (icalendar, Europe/Copenhagen);
- document.py: print/.docx/Markdown blocks of the whole kit (koensbalance.plan.document's blocks);
- files.py, codec.py: the JSON file, and the share link that carries one side's numbers, with the
  merge that reports conflicts;
- view.py: what the page shows, and the bridge handlers.
"""
