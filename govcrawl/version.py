"""PIPELINE_VERSION: the version of govcrawl's own reading rules (clean, parse,
validate), stored on every report it derives. Bump it when a rule changes what a
stored report holds; `govcrawl reparse` then re-derives older reports in place.

Report versions (reports.version) are the publisher's, not these: a new one only when
the bytes served or the numbers read from them change."""

PIPELINE_VERSION = 1
