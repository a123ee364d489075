"""The linguistic layer: model loading, sentences, actors, quotes, quantities, dates.

`newsprism.extract.event.extract(articles, nlp)` runs all of it over one event.
"""
