"""Macros of the workshop planner (docs/workshop/): the planner with its build-time agenda, the list
of templates, and one page per template; and the fillable forms made from the sources' templates
(project plan, logbook). The agenda, its times and checks, and the forms' Markdown are computed by
koensbalance.workshop, the same code the browser runs."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from koensbalance.catalogue import Catalogue
from koensbalance.workshop import forms as workshop_forms
from koensbalance.workshop import templates as workshop_templates
from koensbalance.workshop import view
from koensbalance.workshop.model import KIND_LABELS, BlockKind
from macros import pages, render

FOLDER = "workshop"


def template_path(template_id: str) -> str:
    """Stable page of a template: workshop/<id>.md, served as /workshop/<id>/."""
    return f"{FOLDER}/{template_id}.md"


def register(env: Any, catalogue: Catalogue) -> None:
    data = catalogue.data[workshop_templates.DATA_KEY]
    templates = workshop_templates.load_templates(data)
    by_id = {t.id: t for t in templates}
    entries = catalogue.by_id()
    # Entry pages (generated, rendered with macros/render.py) link to the templates built on them.
    render.environment().globals["workshop_templates"] = {
        entry_id: [(t.id, t.title) for t in templates if t.entry == entry_id]
        for entry_id in {t.entry for t in templates}
    }

    # The catalogue check (koensbalance.catalogue.data_checks) has held each form to its template.
    forms = workshop_forms.load_forms(catalogue.data[workshop_forms.DATA_KEY],
                                      {s.id: s.short_name for s in catalogue.sources})
    forms_by_id = {f.id: f for f in forms}
    render.environment().globals["workshop_forms"] = {
        entry_id: [(f.id, f.title) for f in forms if f.entry == entry_id]
        for entry_id in {f.entry for f in forms}
    }

    def here() -> str:
        return str(env.page.file.src_uri)

    @env.macro
    def workshop_planner(template_id: str = "") -> Markup:
        """The planner, starting from a template (or blank), with its agenda rendered at build time."""
        template = by_id.get(template_id) if template_id else None
        if template_id and template is None:
            raise ValueError(f"Ukendt workshopskabelon: {template_id}")
        agenda = template.agenda if template else workshop_templates.blank_agenda()
        config = view.planner_config(template_id, data["varighed_note"], templates,
                                     workshop_templates.blank_agenda())
        return render.html_block("widgets/workshop.html", plan=view.plan(agenda, "", data["varighed_note"]),
                                 config=config, templates=templates, current=template,
                                 kinds=[(k.value, KIND_LABELS[k]) for k in BlockKind])

    @env.macro
    def workshop_template_list() -> Markup:
        """Markdown list of the templates, each linking to its stable page."""
        lines = []
        for t in templates:
            link = pages.link(here(), template_path(t.id))
            agenda = view.plan(t.agenda)
            lines.append(f"- [{render.escape(t.title)}]({link}) – {agenda['varighed']}, "
                         f"{len(t.agenda.blocks)} punkter")
        return Markup("\n".join(lines))

    @env.macro
    def workshop_template_page(template_id: str) -> Markup:
        """Heading, source, advice and note of one template, then the planner starting from it."""
        template = by_id[template_id]
        entry = entries[template.entry]
        intro = render.render("widgets/workshop_template.md.html", tpl=template,
                              source=catalogue.source(template.source),
                              entry=entry, entry_link=pages.link(here(), pages.entry_path(entry)),
                              index_link=pages.link(here(), f"{FOLDER}/index.md"),
                              note=data["varighed_note"])
        return Markup(intro) + Markup("\n\n") + workshop_planner(template_id)

    @env.macro
    def workshop_form_list() -> Markup:
        """Markdown list of the fillable forms, each linking to its page."""
        lines = [f"- [{render.escape(f.title)}]({pages.link(here(), template_path(f.id))}) – "
                 f"{render.escape(entries[f.entry].title)}" for f in forms]
        return Markup("\n".join(lines))

    @env.macro
    def workshop_form_page(form_id: str) -> Markup:
        """Heading and source of one form, then the form itself (blank, rendered at build time)."""
        form = forms_by_id.get(form_id)
        if form is None:
            raise ValueError(f"Ukendt formular: {form_id}")
        entry = entries[form.entry]
        intro = render.render("widgets/workshop_form.md.html", form=form,
                              source=catalogue.source(form.source), entry=entry,
                              entry_link=pages.link(here(), pages.entry_path(entry)),
                              index_link=pages.link(here(), f"{FOLDER}/index.md"))
        widget = render.html_block("widgets/workshop_form.html", form=form, config=view.form_config(form),
                                   max_value=workshop_forms.MAX_VALUE)
        return Markup(intro) + Markup("\n\n") + widget

    env.variables["workshop_duration_note"] = data["varighed_note"]
