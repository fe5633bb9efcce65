"""Specification of the materials search analyser (vip.search)."""

import random

import pytest

from vip.search import fuzzy, voikko
from vip.search.analysis import analyse, analyse_query, fingerprint, get_analyser
from vip.search.base import TermKind
from vip.search.memory import InMemoryIndex
from vip.search.text import (
    distinct_words,
    first_occurrence,
    iter_tokens,
    normalise,
    plain_text,
    tokenise,
    words_of,
)


def lemmas(word, language="fi"):
    return {t.text for t in analyse(word, language) if t.kind is TermKind.LEMMA}


def terms(text, language="fi"):
    return {t.text for t in analyse(text, language)}


def parts(word, language="fi"):
    return {t.text for t in analyse(word, language) if t.kind is TermKind.PART}


# --- Finnish inflection and consonant gradation ---------------------------------------


@pytest.mark.parametrize(
    ("form", "base"),
    [
        ("tuen", "tuki"),
        ("tuesta", "tuki"),
        ("luokalla", "luokka"),
        ("lasten", "lapsi"),
        ("opettajalle", "opettaja"),
        ("poissaoloihin", "poissaolo"),
        ("kunnassa", "kunta"),
        ("pyynnön", "pyyntö"),
        ("hankkeessa", "hanke"),
        ("töissä", "työ"),
    ],
)
def test_it_lemmatises_inflected_forms_to_the_base_form(form, base):
    assert base in lemmas(form)


def test_it_gives_an_ambiguous_form_every_lemma_its_stem_supports():
    # The word table says "kodissa" is kota (a hut); its sibling forms kodin, kodista say koti.
    assert {"koti", "kota"} <= lemmas("kodissa")


def test_it_strips_possessive_suffixes():
    assert "opinnot" in lemmas("opinnoissaan")


# --- Finnish compounds -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("compound", "expected"),
    [
        ("sairaalaopetuksessa", {"sairaala", "opetus"}),
        ("oppimissuunnitelmassa", {"oppiminen", "suunnitelma"}),
        ("koulupoissaoloihin", {"koulu", "poissaolo"}),
        ("erityisopettajalle", {"erityinen", "opettaja"}),
        ("kouluterveydenhuollossa", {"koulu", "terveys", "huolto"}),
        ("esiopetuksessa", {"esi", "opetus"}),
    ],
)
def test_it_splits_compounds_into_base_form_parts(compound, expected):
    assert expected <= parts(compound)


def test_the_whole_compound_is_a_lemma_and_its_parts_are_parts():
    kinds = {(t.text, t.kind) for t in analyse("sairaalaopetuksessa", "fi")}
    assert ("sairaalaopetus", TermKind.LEMMA) in kinds
    assert ("opetus", TermKind.PART) in kinds
    assert ("opetus", TermKind.LEMMA) not in kinds


def test_it_does_not_split_a_known_word_into_coincidental_pieces():
    assert parts("sairaalassa") == set()
    assert parts("oppilaan") == set()
    assert parts("opettaja") == set()


def test_it_analyses_hyphenated_compounds_piece_by_piece():
    found = analyse("LAPE-muutosohjelmassa", "fi")
    assert {t.text for t in found if t.kind is TermKind.LEMMA} == {"lape-muutosohjelma"}
    assert {"lape", "muutosohjelma", "muutos", "ohjelma"} <= {t.text for t in found}
    assert {"toiminta", "alue"} <= parts("toiminta-alueittain")
    assert "sras-r" in parts("SRAS-R-kartoitus")


def test_it_completes_elliptic_compounds_with_the_shared_head():
    found = terms("LAPE-muutosohjelmassa perustettiin osaamis- ja tukikeskuksia.")
    assert {"osaamiskeskus", "tukikeskus", "keskus"} <= found
    assert "tunnetaito" in terms("Tunne- ja vuorovaikutustaitojen opetus")


def test_a_hanging_hyphen_without_a_compound_after_it_keeps_the_word():
    assert "tuki" in terms("tuki- ja ohjaus")


def test_it_keeps_numbers_report_numbers_and_dates():
    found = terms("OPH 2020:9 ja 1.8.2023")
    assert {"2020:9", "2020", "1.8.2023"} <= found


def test_it_strips_a_case_ending_written_after_a_colon():
    assert lemmas("HOJKS:ssa") == {"hojks"}


def test_it_recognises_the_networks_names_in_any_case():
    assert lemmas("Valterin") == {"valteri"}
    assert "elmeri" in parts("Elmeri-kouluissa")
    assert "opetushallitus" in lemmas("Opetushallituksen")


# --- Umlauts are letters of their own -------------------------------------------------


@pytest.mark.parametrize(
    ("umlaut", "plain"),
    [
        ("säde", "sade"),
        ("säteen", "sateen"),
        ("pöly", "poly"),
        ("tähti", "tahti"),
        ("köli", "koli"),
    ],
)
def test_it_never_folds_umlauts_into_plain_vowels(umlaut, plain):
    assert terms(umlaut).isdisjoint(terms(plain))


def test_normalising_lowercases_but_keeps_umlauts_and_removes_soft_hyphens():
    assert normalise("SÄDE Pöly Åbo ﬁnal koulu\u00adtus") == "säde pöly åbo final koulutus"


def test_swedish_lemmas_never_swap_an_umlaut():
    # "bar" is also the past tense of "bära", but the search must not find "bär" for it.
    assert terms("bar", "sv").isdisjoint(terms("bär", "sv"))
    assert terms("män", "sv").isdisjoint(terms("man", "sv"))


# --- Swedish and English ----------------------------------------------------------------


def test_it_stems_swedish_inflections_together():
    assert lemmas("eleverna", "sv") == lemmas("elev", "sv")
    assert lemmas("frånvaron", "sv") == lemmas("frånvaro", "sv")
    assert lemmas("lärarnas", "sv") & lemmas("lärare", "sv")


def test_it_splits_swedish_compounds():
    assert lemmas("frånvaro", "sv") <= parts("skolfrånvaron", "sv")
    assert lemmas("undervisning", "sv") <= parts("sjukhusundervisningen", "sv")


def test_it_stems_english():
    assert lemmas("absences", "en") == lemmas("absence", "en")
    assert lemmas("pupil's", "en") == lemmas("pupils", "en")


# --- Terms ------------------------------------------------------------------------------


def test_terms_point_back_at_the_words_they_came_from():
    text = "Sairaalaopetuksen oppilaat ja opettajat"
    for term in analyse(text, "fi"):
        assert text[term.start : term.end] in text.split()
    positions = [t.position for t in analyse(text, "fi")]
    assert positions == sorted(positions)


def test_stop_words_are_not_indexed():
    assert "ja" not in terms("koulu ja koti")
    assert "och" not in terms("skola och hem", "sv")


def test_tokens_keep_hyphens_colons_and_dates_together():
    words = [t.text for t in tokenise("LAPE-muutosohjelma, HOJKS:n ja 1.8.2023.")]
    assert words == ["lape-muutosohjelma", "hojks:n", "ja", "1.8.2023"]


@pytest.mark.parametrize(
    "text",
    [
        "LAPE-muutosohjelma, HOJKS:n ja 1.8.2023. Äidinkieli ÖLJY 2,5 %",
        "Oppilaan_tuki (koulu)\nkoti\u00adkäynti ja ty\u200bö: O'Brien's",
        "Frånvaro i skolan – stöd för eleven",
    ],
)
def test_a_plain_texts_words_are_the_tokenisers(text):
    plain = plain_text(text)
    assert plain is not None
    tokens = tokenise(text)
    assert [(w, a, b) for w, a, b in words_of(plain)] == [(t.text, t.start, t.end) for t in tokens]
    assert distinct_words(plain) == {t.text for t in tokens}


def test_on_any_text_the_plain_words_agree_with_the_tokeniser():
    # Capital sigma lowers by what follows it and "İ" lowers to two characters: those
    # texts are lowered word by word.
    pieces = [*"aäöbk-:' .,2_–ΣΑİ", "\u00ad", "\u2011", "ab", "koulu", "\n", "--", "x-", "Ö"]
    rng = random.Random(3)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        tokens = list(iter_tokens(text))
        plain = plain_text(text)
        assert plain is not None, text
        if any(token.hanging_hyphen for token in tokens):
            assert distinct_words(plain) is None, text
        else:
            assert list(words_of(plain)) == [(t.text, t.start, t.end) for t in tokens], text
            assert distinct_words(plain) == {t.text for t in tokens}, text
            spaces = [i for i, c in enumerate(text) if c == " "]
            if spaces:  # from a space on, the words are the tokens from there
                at = rng.choice(spaces)
                after = [(t.text, t.start, t.end) for t in tokens if t.start > at]
                assert list(words_of(plain, at)) == after, text
                assert distinct_words(plain, at, len(text)) == {w for w, _a, _b in after}, text


def test_a_text_with_a_hanging_hyphen_needs_the_tokeniser_only_where_it_is():
    plain = plain_text("koulu ja oppimis- ja ohjauskeskus")
    assert plain is not None
    assert distinct_words(plain) is None
    assert distinct_words(plain, 0, 8) == {"koulu", "ja"}


def test_a_text_with_unnormalised_letters_needs_the_tokeniser():
    assert plain_text("\ufb01nanssi ja koulu") is None


def test_the_first_occurrence_of_words_is_found_in_c_at_or_before_the_first_word():
    plain = plain_text("Tukiopetus ja tuki. Lisää TUKEA")
    assert plain is not None
    assert first_occurrence(plain, {"tuki"}, 0, 31) == 0  # inside "tukiopetus": a bound
    assert first_occurrence(plain, {"tukea", "lisää"}, 0, 31) == 20
    assert first_occurrence(plain, {"koulu"}, 5, 31) == 5  # none: the start


def test_an_analyser_tells_which_words_of_a_text_have_a_term():
    analyser = get_analyser("fi")
    plain = plain_text("Koulupoissaolot ja tuen tarve kasvavat koulussa")
    assert plain is not None
    words = distinct_words(plain)
    assert words is not None
    assert analyser.matching_words(words, frozenset({"koulu"})) == {"koulupoissaolot", "koulussa"}
    assert analyser.matching_words(words, frozenset({"tuki"})) == {"tuen"}
    assert analyser.matching_words(words, frozenset({"ja"})) == set()  # a stop word
    assert analyser.matching_words(words, frozenset({"sade"})) == set()


# --- Queries ------------------------------------------------------------------------


def test_a_query_word_carries_every_term_that_may_stand_for_it():
    [word] = analyse_query("koulupoissaolot", ("fi", "sv", "en"))
    assert "koulupoissaolo" in word.lemmas
    assert word.parts == ("koulu", "poissaolo")
    assert word.languages == ("fi", "sv", "en")


def test_a_query_drops_stop_words_unless_nothing_else_is_left():
    assert [w.text for w in analyse_query("lapset ja nuoret", "fi")] == ["lapset", "nuoret"]
    assert [w.text for w in analyse_query("ja", "fi")] == ["ja"]


def test_a_stop_word_of_any_query_language_is_dropped():
    # "in" is no Finnish word, but an English text never holds it as a term either.
    assert [w.text for w in analyse_query("children in care", ("fi", "sv", "en"))] == [
        "children",
        "care",
    ]
    assert [w.text for w in analyse_query("barn i skolan", ("fi", "sv"))] == ["barn", "skolan"]


def test_the_fingerprint_names_everything_that_changes_the_terms():
    print_ = fingerprint("default")
    assert print_.startswith("default:")
    for part in ("simplemma-", "snowball-", ":lists-"):
        assert part in print_
    assert fingerprint("default") == print_


def test_a_query_word_no_list_knows_is_marked_unknown():
    [word] = analyse_query("sairalaopetus", "fi")
    assert not word.known


# --- Typo tolerance -----------------------------------------------------------------


def test_trigrams_are_padded_so_that_word_starts_and_ends_count():
    assert fuzzy.trigrams("Valteri") >= {"  v", " va", "val", "eri", "ri "}
    assert fuzzy.similarity("valteri", "valtteri") > 0.5


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("Valtteri", "valteri"), ("Opetushalitus", "opetushallitus"), ("psykiatira", "psykiatria")],
)
def test_one_slip_in_a_name_is_a_typo(typed, meant):
    assert fuzzy.is_typo_of(typed, meant)


@pytest.mark.parametrize(
    ("typed", "other"), [("sade", "säde"), ("poly", "pöly"), ("kaytos", "käytös")]
)
def test_swapping_an_umlaut_is_never_a_typo(typed, other):
    assert not fuzzy.is_typo_of(typed, other)
    assert not fuzzy.is_typo_of(other, typed)


def test_long_words_allow_two_slips_and_short_words_one():
    assert fuzzy.is_typo_of("koulupoisaolot", "koulupoissaolo")
    assert not fuzzy.is_typo_of("tuki", "tiku")  # two edits in a short word
    assert not fuzzy.is_typo_of("abc", "abd")  # too short to guess


# --- Searching with the reference ranking ----------------------------------------------


@pytest.fixture(scope="module")
def index():
    index = InMemoryIndex()
    index.add("absence", "fi", {"title": "Suositukset koulupoissaoloihin puuttumiseksi"})
    index.add("special", "fi", {"body": "Opas erityisopettajalle ja luokanopettajalle."})
    index.add("teacher", "fi", {"title": "Opettajan työ", "body": "Opettaja kohtaa oppilaan."})
    index.add("hospital", "fi", {"body": "Sairaalaopetuksessa opiskelee oppilaita osastoilta."})
    index.add("rain", "fi", {"body": "Retki tehtiin sateessa, ja sade kasteli kaikki."})
    index.add("valteri", "fi", {"title": "Valteri – oppimis- ja ohjauskeskus"})
    index.add("skola", "sv", {"title": "Skolfrånvaro och stöd"})
    return index


def ids(index, query):
    return [hit.id for hit in index.search(query)]


def test_a_part_finds_the_compound(index):
    assert ids(index, "poissaolo") == ["absence"]
    assert ids(index, "opetus") == ["hospital"]


def test_an_exact_lemma_ranks_above_a_compound_part(index):
    assert ids(index, "opettaja")[:2] == ["teacher", "special"]


def test_inflected_queries_find_base_forms(index):
    assert ids(index, "opettajien") == ["teacher", "special"]
    assert ids(index, "frånvaron") == ["skola"]


def test_a_typo_in_a_name_still_finds_it(index):
    assert ids(index, "Valtteri") == ["valteri"]
    assert ids(index, "Valterin") == ["valteri"]


def test_a_word_with_umlauts_never_finds_its_plain_twin(index):
    assert ids(index, "säde") == []
    assert ids(index, "säteen") == []
    assert ids(index, "sade") == ["rain"]


def test_a_document_matching_every_query_word_comes_first(index):
    assert ids(index, "oppilas sairaala")[0] == "hospital"


# --- Selection ------------------------------------------------------------------------


def test_the_analyser_is_loaded_once_per_process():
    assert get_analyser("fi") is get_analyser("fi")


def test_an_unknown_analyser_or_language_is_refused():
    with pytest.raises(ValueError, match="Unknown search analyser"):
        get_analyser("fi", "nonexistent")
    with pytest.raises(ValueError, match="Unsupported language"):
        get_analyser("de")


def test_the_fingerprint_names_the_analyser_and_its_word_lists():
    assert fingerprint("default").startswith("default:")
    assert "simplemma" in fingerprint("default")


def test_the_analyser_is_chosen_by_setting(settings):
    settings.SEARCH_ANALYSER = "snowball"
    from vip.search.analysis import configured_name

    assert configured_name() == "snowball"


@pytest.mark.skipif(
    not voikko.available(), reason="libvoikko with a Finnish dictionary is not installed"
)
def test_the_optional_voikko_analyser_gives_the_same_kinds_of_terms():
    found = analyse("sairaalaopetuksessa koulupoissaoloihin tuen", "fi", analyser="voikko")
    by_kind = {(t.text, t.kind) for t in found}
    assert ("sairaalaopetus", TermKind.LEMMA) in by_kind
    assert ("opetus", TermKind.PART) in by_kind
    assert ("poissaolo", TermKind.PART) in by_kind
    assert ("tuki", TermKind.LEMMA) in by_kind
