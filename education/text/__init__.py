"""Pure text helpers: rich-text cleaning, Markdown, reading level, PEMAT scoring.

The lowest layer: nothing here imports the models or a feature package, so the models can use
it when they save (see docs/development.md, "The layers").
"""
