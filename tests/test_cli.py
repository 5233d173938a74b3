"""The command line as a user runs it: build, the files it writes, query, and errors."""
from __future__ import annotations

import json
import subprocess
import sys

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from typer.testing import CliRunner

from stancegraph.cli import app

from conftest import SEED, SEEDS

runner = CliRunner()


def test_help_names_every_command():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("build", "query"):
        assert command in result.output
    for command in ("build", "query"):
        sub = runner.invoke(app, [command, "--help"])
        assert sub.exit_code == 0 and "Usage" in sub.output


@pytest.mark.model
def test_build_writes_turtle_trig_html_and_a_summary(seed_build):
    out, output = seed_build
    for name in ("graph.ttl", "graph.trig", "graph.html"):
        assert (out / name).stat().st_size > 0, name
    for line in ("articles read", "actors", "proposals", "stances: support", "stances: oppose",
                 "stances: neutral", "time"):
        assert line in output


@pytest.mark.model
def test_turtle_parses_back_to_the_same_graph_in_rdflib_and_oxigraph(seed_build):
    out, _ = seed_build
    g = rdflib.Graph().parse(out / "graph.ttl")
    assert len(g) > 50
    # pyoxigraph reads the same triples
    ox_triples = list(ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE))
    assert len(ox_triples) == len(g)
    nt = "\n".join(str(t) + " ." for t in ox_triples)
    g2 = rdflib.Graph().parse(data=nt, format="nt")
    assert isomorphic(g, g2)
    # TriG holds the same triples, one named graph per article
    ds = rdflib.Dataset()
    ds.parse(out / "graph.trig", format="trig")
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert any(str(n).endswith("/graph/000_98ceb06b7a6a85b3") for n in names)
    union = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(g, union)


@pytest.mark.model
def test_no_blank_nodes_and_the_same_input_gives_the_same_graph(seed_build, tmp_path):
    out, _ = seed_build
    first = rdflib.Graph().parse(out / "graph.ttl")
    assert not any(isinstance(t, rdflib.BNode) for triple in first for t in triple)
    again = runner.invoke(app, ["build", str(SEED), "--out", str(tmp_path)])
    assert again.exit_code == 0, again.output
    second = rdflib.Graph().parse(tmp_path / "graph.ttl")
    _, only_first, only_second = graph_diff(to_isomorphic(first), to_isomorphic(second))
    assert not len(only_first) and not len(only_second), (sorted(only_first)[:5], sorted(only_second)[:5])


@pytest.mark.model
def test_the_ontology_contract_holds(seed_build):
    from stancegraph.graph.query import load_store, select

    store = load_store(seed_build[0] / "graph.ttl")
    contract = """
    PREFIX sg: <https://w3id.org/stancegraph#> PREFIX prov: <http://www.w3.org/ns/prov#>
    PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?s ?id ?hl ?tl ?ev WHERE {
      ?s a sg:Stance ; sg:holder ?h ; sg:target ?t ; sg:polarity ?p ; sg:evidence ?ev ;
         prov:wasDerivedFrom/dcterms:isPartOf* ?doc ; prov:wasGeneratedBy ?act ; sg:rule ?rule .
      ?doc dcterms:identifier ?id . ?h rdfs:label ?hl . ?t rdfs:label ?tl .
      ?h ?direct ?t .
      FILTER(?direct IN (sg:supports, sg:opposes, sg:neutralOn))
      FILTER(?p IN (sg:Support, sg:Oppose, sg:Neutral))
    }"""
    _, rows = select(store, contract)
    assert rows and all(r[1] == "000_98ceb06b7a6a85b3" for r in rows)
    _, stances = select(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/stancegraph#Stance> }")
    assert len({r[0] for r in rows}) == int(stances[0][0])
    # exactly one rdfs:label on every actor and proposal
    _, multi = select(store, """
    PREFIX sg: <https://w3id.org/stancegraph#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?x (COUNT(DISTINCT ?l) AS ?n) WHERE { { ?s sg:holder ?x } UNION { ?s sg:target ?x } ?x rdfs:label ?l }
    GROUP BY ?x HAVING (COUNT(DISTINCT ?l) != 1)""")
    assert multi == []


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_answers_sparql_in_each_format(seed_build, fmt):
    out, _ = seed_build
    q = ("PREFIX sg: <https://w3id.org/stancegraph#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
         "SELECT ?actor ?proposal WHERE { ?a sg:supports ?p . ?a rdfs:label ?actor . ?p rdfs:label ?proposal } "
         "ORDER BY ?actor ?proposal")
    result = runner.invoke(app, ["query", str(out / "graph.ttl"), q, "--format", fmt])
    assert result.exit_code == 0, result.output
    assert "Zelensky" in result.output
    if fmt == "json":
        rows = json.loads(result.output)
        assert {"actor", "proposal"} <= set(rows[0])
    if fmt == "csv":
        assert result.output.splitlines()[0] == "actor,proposal"


@pytest.mark.model
def test_query_reads_a_query_file(seed_build, tmp_path):
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT (COUNT(*) AS ?stances) WHERE { ?s a <https://w3id.org/stancegraph#Stance> }")
    result = runner.invoke(app, ["query", str(seed_build[0] / "graph.ttl"), str(rq), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert int(result.output.splitlines()[1]) >= 5


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "stancegraph", *args], capture_output=True, text=True)


def test_a_bad_query_is_one_clear_line_and_exit_1(tmp_path):
    ttl = tmp_path / "g.ttl"
    ttl.write_text("<urn:a> <urn:b> <urn:c> .\n")
    result = _cli("query", str(ttl), "SELECT WHERE {")
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_missing_graph_file_is_named_in_the_error(tmp_path):
    result = _cli("query", str(tmp_path / "nope.ttl"), "SELECT * WHERE { ?s ?p ?o }")
    assert result.returncode == 1
    assert "nope.ttl" in result.stderr and "Traceback" not in result.stderr


def test_build_with_nothing_readable_fails_and_names_the_files(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n")
    result = _cli("build", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "empty.txt" in result.stderr
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_an_unknown_model_is_a_clear_error(tmp_path):
    result = _cli("build", str(SEED), "--out", str(tmp_path), "--model", "no_such_pipeline")
    assert result.returncode == 1
    assert "no_such_pipeline" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.model
def test_build_into_a_store_grows_replaces_and_removes(tmp_path):
    from conftest import CORPUS

    store, out = tmp_path / "store", tmp_path / "out"
    first = runner.invoke(app, ["build", str(SEED), "--store", str(store), "--out", str(out)])
    assert first.exit_code == 0, first.output
    seed_only = rdflib.Graph().parse(out / "graph.ttl")
    other = next(CORPUS.glob("001-*.txt"))
    assert runner.invoke(app, ["build", str(other), "--store", str(store), "--out", str(out)]).exit_code == 0
    both = len(rdflib.Graph().parse(out / "graph.ttl"))
    assert both > len(seed_only)
    # building an article that is already there replaces it
    assert runner.invoke(app, ["build", str(other), "--store", str(store), "--out", str(out)]).exit_code == 0
    assert len(rdflib.Graph().parse(out / "graph.ttl")) == both
    removed = runner.invoke(app, ["remove", other.stem, "--store", str(store)])
    assert removed.exit_code == 0 and other.stem in removed.output
    missing = _cli("remove", other.stem, "--store", str(store))
    assert missing.returncode == 1 and other.stem in missing.stderr


@pytest.mark.model
def test_query_validate_and_explain_take_a_store_or_a_build_folder_as_they_take_the_graph_file(tmp_path):
    """Every command that reads a graph takes a graph file, a build's --out folder, or --store DIR."""
    store, out = tmp_path / "store", tmp_path / "out"
    built = runner.invoke(app, ["build", str(SEEDS), "--store", str(store), "--out", str(out)])
    assert built.exit_code == 0, built.output

    def rows(*args: str) -> list:
        done = runner.invoke(app, ["query", *args, "--format", "json"])
        assert done.exit_code == 0, (args, done.output)
        return json.loads(done.output)

    sparql = ("PREFIX sg: <https://w3id.org/stancegraph#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
              "SELECT ?actor ?polarity ?proposal WHERE { ?s a sg:Stance ; sg:holder/rdfs:label ?actor ; "
              "sg:polarity ?polarity ; sg:target/rdfs:label ?proposal } ORDER BY ?actor ?polarity ?proposal")
    expected = rows(str(out / "graph.ttl"), sparql)
    assert expected
    assert rows("--store", str(store), sparql) == expected
    assert rows(str(out), sparql) == expected
    # a proposal someone supports in this build (not a fixed name: the extraction changes)
    target = next(r["proposal"] for r in expected if r["polarity"].endswith("Support"))
    named = rows(str(out / "graph.ttl"), "--name", "who-supports", "--param", f"target={target}")
    assert named and {r["proposal"] for r in named} >= {target}
    assert rows("--store", str(store), "--name", "who-supports", "--param", f"target={target}") == named
    assert rows(str(out), "--name", "who-supports", "--param", f"target={target}") == named

    for args in (["validate", "--store", str(store)], ["validate", str(out)]):
        done = runner.invoke(app, args)
        assert done.exit_code == 0 and "conforms" in done.output, (args, done.output)
    actor = expected[0]["actor"]
    for args in (["--graph", str(out)], ["--store", str(store)]):
        done = runner.invoke(app, ["explain", actor, *args])
        assert done.exit_code == 0 and actor in done.output, (args, done.output)


@pytest.mark.model
def test_export_writes_every_format_from_a_graph_and_from_a_store(seed_build, tmp_path):
    out, _ = seed_build
    result = runner.invoke(app, ["export", str(out / "graph.trig"), "--out", str(tmp_path / "all"), "--format", "all"])
    assert result.exit_code == 0, result.output
    for name in ("graph.ttl", "graph.trig", "graph.nt", "graph.nq", "graph.jsonld", "graph.graphml", "graph.gexf",
                 "stances.csv", "load.cypher", "graph.html"):
        assert (tmp_path / "all" / name).stat().st_size > 0, name
    store = tmp_path / "store"
    assert runner.invoke(app, ["build", str(SEED), "--store", str(store), "--out", str(tmp_path / "b")]).exit_code == 0
    result = runner.invoke(app, ["export", "--store", str(store), "--out", str(tmp_path / "s"), "--format", "nq,ttl"])
    assert result.exit_code == 0, result.output
    assert len(rdflib.Graph().parse(tmp_path / "s" / "graph.ttl")) == len(rdflib.Graph().parse(tmp_path / "b" / "graph.ttl"))
    bad = _cli("export", str(out / "graph.ttl"), "--out", str(tmp_path / "x"), "--format", "docx")
    assert bad.returncode == 1 and "docx" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.model
def test_the_same_input_gives_byte_identical_turtle_and_trig(seed_build, tmp_path):
    out, _ = seed_build
    again = runner.invoke(app, ["build", str(SEEDS), "--out", str(tmp_path)])
    assert again.exit_code == 0, again.output
    for name in ("graph.ttl", "graph.trig"):
        assert (out / name).read_bytes() == (tmp_path / name).read_bytes(), name


@pytest.mark.model
def test_a_bill_named_by_its_kind_alone_is_each_articles_own_and_a_named_proposal_is_shared(tmp_path):
    (tmp_path / "harbour-vote.txt").write_text(
        "Senator Maria Lopez opposed the bill on Tuesday. She also endorsed the proposed fuel tax.\n")
    (tmp_path / "school-vote.txt").write_text(
        "Governor Tom Reyes vetoed the bill. Mayor Ann Lee welcomed the proposed fuel tax.\n")
    out = tmp_path / "out"
    built = runner.invoke(app, ["build", str(tmp_path / "harbour-vote.txt"), str(tmp_path / "school-vote.txt"),
                                "--out", str(out)])
    assert built.exit_code == 0, built.output
    store = ox.Store()
    store.load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    rows = store.query("""
        PREFIX sg: <https://w3id.org/stancegraph#>
        SELECT ?p (GROUP_CONCAT(DISTINCT ?who; separator=" ") AS ?holders) (COUNT(DISTINCT ?a) AS ?articles)
        WHERE { ?s a sg:Stance ; sg:holder ?h ; sg:target ?p . ?p sg:mentionedIn ?a .
                BIND(STRAFTER(STR(?h), "/actor/") AS ?who) }
        GROUP BY ?p""")
    nodes = {r["p"].value.rsplit("/id/", 1)[1]: (sorted(r["holders"].value.split()), int(r["articles"].value))
             for r in rows}
    # the two bills are two nodes, each in its own article and with its own opponent
    bills = {k: v for k, v in nodes.items() if k.endswith("/bill")}
    assert bills == {"proposal/harbour-vote/bill": (["person/maria-lopez"], 1),
                     "proposal/school-vote/bill": (["person/tom-reyes"], 1)}
    # the fuel tax both articles name is one node that both supporters hold a stance on
    tax = [v for k, v in nodes.items() if "fuel-tax" in k]
    assert tax == [(["person/ann-lee", "person/maria-lopez"], 2)]


@pytest.mark.model
def test_a_wire_dateline_names_no_holder_and_stays_out_of_the_evidence(tmp_path):
    text = ("Ministers split on price cap\n\nBRUSSELS, March 3 (Reuters) - European Union energy ministers rejected "
            "the plan to cap gas prices on Thursday.\n")
    (tmp_path / "wire.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    built = runner.invoke(app, ["build", str(tmp_path / "wire.txt"), "--out", str(out)])
    assert built.exit_code == 0, built.output
    g = rdflib.Graph().parse(out / "graph.ttl")
    rows = list(g.query("""
        PREFIX sg: <https://w3id.org/stancegraph#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?who ?ev ?start ?end WHERE {
            ?s a sg:Stance ; sg:holder/rdfs:label ?who ; sg:evidence ?ev ; prov:wasDerivedFrom ?sentence .
            ?sentence nif:beginIndex ?start ; nif:endIndex ?end }"""))
    assert rows
    for who, ev, start, end in rows:
        assert "March" not in str(who) and "Reuters" not in str(who)
        assert str(ev).startswith("European Union energy ministers rejected")
        assert text[int(start):int(end)] == str(ev)


@pytest.mark.model
def test_a_plural_title_before_two_names_is_in_neither_name(tmp_path):
    (tmp_path / "vote.txt").write_text(
        "Two Democrats, Senators Mark Ruiz and Alan Pike, voted against the border bill.\n"
        "Governors Ann Lee and Tom Reyes rejected the border bill.\n", encoding="utf-8")
    out = tmp_path / "out"
    built = runner.invoke(app, ["build", str(tmp_path / "vote.txt"), "--out", str(out)])
    assert built.exit_code == 0, built.output
    g = rdflib.Graph().parse(out / "graph.ttl")
    holders = {str(r[0]) for r in g.query("""
        PREFIX sg: <https://w3id.org/stancegraph#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?who WHERE { ?s a sg:Stance ; sg:holder/rdfs:label ?who }""")}
    assert {"Mark Ruiz", "Ann Lee"} <= holders
    assert not any(h.startswith(("Senators", "Governors")) for h in holders)


@pytest.mark.model
def test_proposals_told_apart_by_their_names_are_different_nodes_within_and_across_articles(tmp_path):
    (tmp_path / "two-plans.txt").write_text(
        "Senator Maria Lopez backed the Harlow plan on Monday. Governor Tom Reyes rejected the Whitby plan.\n")
    (tmp_path / "harbour-plan.txt").write_text(
        "The council unveiled a plan on Monday. Senator Dana Whitfield rejected the Oakley plan, saying it "
        "would close the harbour.\n")
    (tmp_path / "school-plan.txt").write_text(
        "Governor Ed Park endorsed the plan on Friday. He said the Linden plan would save the school.\n")
    (tmp_path / "two-releases.txt").write_text(
        "Senator Nora Quinn demanded the release of John Carter on Monday. Governor Paul Hart opposed the "
        "release of Mary Stone.\n")
    out = tmp_path / "out"
    files = ("two-plans.txt", "harbour-plan.txt", "school-plan.txt", "two-releases.txt")
    built = runner.invoke(app, ["build", *(str(tmp_path / f) for f in files), "--out", str(out)])
    assert built.exit_code == 0, built.output
    g = rdflib.Graph().parse(out / "graph.ttl")
    rows = g.query("""
        PREFIX sg: <https://w3id.org/stancegraph#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?h ?pol ?p (GROUP_CONCAT(DISTINCT ?l; separator="|") AS ?names)
        WHERE { ?h ?pol ?p . ?p a sg:Proposal ; rdfs:label|<http://www.w3.org/2004/02/skos/core#altLabel> ?l .
                FILTER(?pol IN (sg:supports, sg:opposes)) }
        GROUP BY ?h ?pol ?p""")
    held = {str(r.h).rsplit("/", 1)[1]: (str(r.pol).rsplit("#", 1)[1], str(r.p), set(str(r.names).split("|")))
            for r in rows}
    # in one article: two plans, each with its own name and its own holder
    assert held["maria-lopez"][0] == "supports" and held["tom-reyes"][0] == "opposes"
    assert held["maria-lopez"][1] != held["tom-reyes"][1]
    assert "Harlow plan" in held["maria-lopez"][2] and "Whitby plan" not in held["maria-lopez"][2]
    # two releases of two people named in what each is of
    assert held["nora-quinn"][0] == "supports" and held["paul-hart"][0] == "opposes"
    assert held["nora-quinn"][2] == {"release of John Carter"} and held["paul-hart"][2] == {"release of Mary Stone"}
    # across articles: each article's plan, first named by its kind alone, is that article's own node
    assert held["dana-whitfield"][0] == "opposes" and held["ed-park"][0] == "supports"
    assert held["dana-whitfield"][1] != held["ed-park"][1]
    assert "Linden plan" not in held["dana-whitfield"][2] and "Oakley plan" not in held["ed-park"][2]


@pytest.mark.model
def test_a_person_named_mr_in_one_article_is_the_full_name_of_another(tmp_path):
    """"Mr. Varga" where one article gives no first name is "Varga", which the corpus's one full name
    with that surname takes across articles; "Mr." is no part of a name."""
    (tmp_path / "minister.txt").write_text("Finance minister Leo Varga backed the fuel levy on Monday.\n")
    (tmp_path / "later.txt").write_text("Mr. Varga rejected the fishing agreement on Friday.\n")
    out = tmp_path / "out"
    built = runner.invoke(app, ["build", str(tmp_path / "minister.txt"), str(tmp_path / "later.txt"), "--out", str(out)])
    assert built.exit_code == 0, built.output
    g = rdflib.Graph().parse(out / "graph.ttl")
    holders = {str(r.h) for r in g.query("""
        PREFIX sg: <https://w3id.org/stancegraph#>
        SELECT DISTINCT ?h WHERE { ?s a sg:Stance ; sg:holder ?h }""")}
    assert len(holders) == 1 and holders.pop().endswith("/leo-varga"), holders
