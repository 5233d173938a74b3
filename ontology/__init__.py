"""The stancegraph vocabulary, shapes, named queries and lexicons, as data files."""
