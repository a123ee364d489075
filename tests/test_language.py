"""Language identification: English prose is told by its grammar words without loading the model;
other languages (Latin letters and English names in them included) go to py3langid."""

from __future__ import annotations

import pytest

from newsprism.language import _plainly_english, detect_language

ENGLISH = ("The council voted on Tuesday to close the old library, which has served the town for more than "
           "a century, and said the books would move to the new school. Residents who opposed the plan told "
           "the meeting that they had not been asked, but the mayor said the decision was final.")
FRENCH = ("Le président de la République a annoncé lundi que le gouvernement allait présenter un nouveau projet "
          "de loi sur les retraites, malgré l'opposition des syndicats. Emmanuel Macron a déclaré à la presse "
          "que cette réforme était nécessaire pour l'avenir du pays. Les syndicats ont appelé à une grève.")
GERMAN = ("Die Bundesregierung hat am Montag beschlossen, die Ausgaben für die Bundeswehr deutlich zu erhöhen. "
          "Bundeskanzler Olaf Scholz sagte in Berlin, dass Deutschland mehr Verantwortung übernehmen müsse. The "
          "Guardian und die New York Times berichteten ebenfalls über die Entscheidung der Regierung.")
DUTCH = ("De regering heeft op maandag besloten om de uitgaven voor defensie te verhogen. De minister zei dat "
         "het land meer verantwoordelijkheid moet nemen en dat de NAVO dit van Nederland verwacht. Volgens de "
         "oppositie is het plan te duur en worden andere zaken vergeten door het kabinet in Den Haag.")


def test_english_prose_is_told_by_its_grammar_words():
    assert _plainly_english(ENGLISH)
    assert detect_language(ENGLISH) == "en"


@pytest.mark.parametrize("text, code", [(FRENCH, "fr"), (GERMAN, "de"), (DUTCH, "nl")])
def test_other_languages_go_to_the_model(text, code):
    assert not _plainly_english(text)
    assert detect_language(text) == code


def test_a_short_english_line_goes_to_the_model():
    line = "Storm closes the coast road"
    assert not _plainly_english(line)
    assert detect_language("x1 2") is None
