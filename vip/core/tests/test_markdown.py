"""User-written Markdown renders as HTML that cannot run script or break the page."""

from __future__ import annotations

from vip.core.markdown import render_markdown


def test_it_renders_paragraphs_lists_and_emphasis_with_the_design_systems_classes():
    html = render_markdown("Kokous **alkaa** klo 9.\n\n- Asialista\n- Päätökset")

    assert '<p class="govuk-body">Kokous <strong>alkaa</strong> klo 9.</p>' in html
    assert '<ul class="govuk-list govuk-list--bullet">' in html
    assert "<li>Asialista</li>" in html


def test_it_drops_script_event_handlers_and_javascript_links():
    html = render_markdown(
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))"
    )

    assert "<script" not in html
    assert "alert" not in html
    assert "onerror" not in html
    assert "<img" not in html
    assert "javascript:" not in html


def test_it_keeps_safe_links_and_marks_them_noopener():
    html = render_markdown("[OPH](https://www.oph.fi/)")

    assert 'href="https://www.oph.fi/"' in html
    assert 'rel="noopener noreferrer"' in html


def test_it_starts_headings_at_level_two_because_the_page_owns_the_h1():
    html = render_markdown("# Pöytäkirja\n\n## Läsnä")

    assert "<h1" not in html
    assert '<h2 class="govuk-heading-m">Pöytäkirja</h2>' in html


def test_it_renders_nothing_for_empty_text():
    assert render_markdown("") == ""


def test_in_a_table_cell_headings_become_bold_paragraphs():
    html = render_markdown("# Päätös\n\nHyväksyttiin.\n\nAlaotsikko\n----------", headings=False)

    assert "<h" not in html
    assert '<p class="govuk-body"><strong>Päätös</strong></p>' in html
    assert '<p class="govuk-body"><strong>Alaotsikko</strong></p>' in html
    assert '<p class="govuk-body">Hyväksyttiin.</p>' in html


def test_the_cell_filter_renders_without_headings():
    from django.template import Context, Template

    html = Template("{{ text|markdown_cell }}").render(Context({"text": "## Otsikko\n\nTeksti"}))

    assert "<h2" not in html
    assert "<strong>Otsikko</strong>" in html
