"""A crawl of the misbehaving portal (govcrawl.demo.faults) shared by the fault and
nothing-lost tests."""
