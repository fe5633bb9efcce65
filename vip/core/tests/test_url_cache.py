from django.urls import reverse
from django.utils.translation import override

from vip.core.url_cache import reverse_in, reverse_one, reverse_static


def test_it_matches_reverse_in_every_language():
    for language in ("fi", "sv", "en"):
        with override(language):
            assert reverse_one("registry:municipality_detail", "091") == reverse(
                "registry:municipality_detail", args=["091"]
            )
            assert reverse_one("registry:organisation_detail", 42) == reverse(
                "registry:organisation_detail", args=[42]
            )


def test_it_escapes_the_key():
    with override("fi"):
        assert reverse_one("registry:area_detail", "a/b c") == "/areas/a%2Fb%20c/"


def test_an_address_without_arguments_is_kept_per_language():
    assert reverse_static("materials:search") == reverse("materials:search")
    with override("sv"):
        assert reverse_static("materials:search") == reverse("materials:search")
        assert reverse_static("materials:search").startswith("/sv/")


def test_an_address_in_another_language_is_what_reverse_gives_there():
    with override("fi"):
        for language in ("fi", "sv", "en"):
            for name, args, kwargs in (
                ("materials:search", (), None),
                ("registry:municipality_detail", ("091",), None),
                ("registry:municipality_detail", (), {"code": "091"}),
                ("registry:municipality_detail", (), {"code": "a,b:c ä"}),
            ):
                with override(language):
                    expected = reverse(name, args=args, kwargs=kwargs)
                assert reverse_in(language, name, args, kwargs) == expected
        # The active language is left as it was.
        assert reverse_in("sv", "materials:search").startswith("/sv/")
        assert reverse("materials:search") == "/materials/"


def test_the_page_url_tag_gives_what_the_url_tag_gives():
    from django.template import Context, Template

    both = Template(
        "{% page_url 'materials:search' %}|{% url 'materials:search' %}|"
        "{% page_url 'materials:theme' code %}|{% url 'materials:theme' code %}"
    )
    for language in ("fi", "sv", "en"):
        with override(language):
            rendered = both.render(Context({"code": "non-attendance"}))
            first, second, third, fourth = rendered.split("|")
            assert first == second
            assert third == fourth
