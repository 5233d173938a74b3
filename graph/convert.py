"""`stancegraph export`: a built graph in every format, the RDF ones (export.py) and the
property-graph ones (propertygraph.py). It sits above both, so that they import in one direction
only: propertygraph.py builds on export.py, and export.py imports neither."""
from __future__ import annotations

from pathlib import Path

from stancegraph.graph.export import RDF_FORMATS, ExportError, export_rdf, read_quads
from stancegraph.graph.propertygraph import to_networkx, write_gexf, write_graphml, write_neo4j

#: every export format: the RDF ones, then the property-graph ones
EXPORT_FORMATS: tuple[str, ...] = tuple(RDF_FORMATS) + ("graphml", "gexf", "neo4j")


def export_command(graph: Path, out_dir: Path, formats: list[str]) -> list[Path]:
    """Write `graph` (a .ttl/.trig/.nt/.nq/.jsonld file, or a build folder: its graph.trig, else
    graph.ttl) in `formats` into `out_dir`; returns the files written.

    Formats: ttl, trig, nt, nq, jsonld (graph.<ext>), graphml (graph.graphml),
    gexf (graph.gexf), neo4j (actors.csv, proposals.csv, stances.csv, parts.csv,
    proposed_by.csv, load.cypher), or `all`. Items may also be comma-separated
    ("ttl,nq"). An unknown format is a StancegraphError naming the known ones.
    """
    wanted: list[str] = []
    for item in formats:
        for name in str(item).split(","):
            name = name.strip().lower().lstrip(".")
            if not name:
                continue
            if name == "all":
                wanted.extend(EXPORT_FORMATS)
            elif name in EXPORT_FORMATS:
                wanted.append(name)
            else:
                raise ExportError(f"unknown export format {name!r}; use one or more of {', '.join(EXPORT_FORMATS)}, or all")
    if not wanted:
        raise ExportError(f"no export format given; use one or more of {', '.join(EXPORT_FORMATS)}, or all")
    wanted = list(dict.fromkeys(wanted))

    graph = Path(graph)
    if graph.is_dir():
        found = [graph / n for n in ("graph.trig", "graph.ttl") if (graph / n).is_file()]
        if not found:
            raise ExportError(f"{graph}: a folder without graph.trig or graph.ttl; give a graph file or a build's --out folder")
        graph = found[0]
    quads = read_quads(graph)  # read once; parsed quads keep every literal as written
    out = Path(out_dir)
    written: list[Path] = []
    rdf = [f for f in wanted if f in RDF_FORMATS]
    if rdf:
        from importlib import resources

        context = Path(str(resources.files("stancegraph.ontology") / "context.jsonld"))
        written.extend(export_rdf(quads, out, rdf, jsonld_context=context if context.is_file() else None).values())
    if any(f in ("graphml", "gexf", "neo4j") for f in wanted):
        G = to_networkx(graph)  # from the file: Oxigraph's bulk loader beats extending a Store with `quads`
        if "graphml" in wanted:
            written.append(write_graphml(G, out / "graph.graphml"))
        if "gexf" in wanted:
            written.append(write_gexf(G, out / "graph.gexf"))
        if "neo4j" in wanted:
            written.extend(write_neo4j(G, out))
    return written
