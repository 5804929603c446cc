"""One fixture-portal page tree per module: path -> page text, plus server rules."""
