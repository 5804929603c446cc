"""Operating crawls: every portal in one command, incremental re-crawls, run summaries."""
