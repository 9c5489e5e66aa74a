"""danvan: runs a Party Committee's mass-mobilization (dân vận) plan."""
