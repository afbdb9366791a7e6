"""Content moved between sites as files: one Markdown file per item, its fields in a YAML header block.

kinds.py says which models are content and how each is filed, files.py reads and writes one file,
exporter.py and importer.py do the rest (``manage.py export_content`` / ``import_content``).
"""
