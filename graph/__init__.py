"""Records -> RDF: the graph, its store, exports and queries."""
