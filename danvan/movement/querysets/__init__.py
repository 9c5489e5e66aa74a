"""QuerySets of the movement app, one module per topic."""
