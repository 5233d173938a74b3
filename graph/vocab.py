"""The stancegraph vocabulary as an rdflib namespace.

`SG` is a closed `DefinedNamespace` (after rdflib's own PROV/SKOS modules):
a misspelt term raises instead of minting a new IRI. `tests/test_ontology.py`
checks that every term here is declared in `ontology/stancegraph.ttl` and back.
"""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace
from rdflib.term import URIRef

SG_NS = "https://w3id.org/stancegraph#"
# Where the things the graph describes get their IRIs.
ID = Namespace("https://w3id.org/stancegraph/id/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")


class SG(DefinedNamespace):
    """https://w3id.org/stancegraph# — stances of actors on proposals."""

    _NS = Namespace(SG_NS)
    _fail = True

    # Classes
    Actor: URIRef
    Person: URIRef
    Organisation: URIRef
    Country: URIRef
    Government: URIRef
    Group: URIRef
    Proposal: URIRef
    Stance: URIRef
    Polarity: URIRef
    Article: URIRef
    Sentence: URIRef
    Quote: URIRef
    Mention: URIRef
    Extraction: URIRef

    # Polarity individuals
    Support: URIRef
    Oppose: URIRef
    Neutral: URIRef

    # Stance node properties
    holder: URIRef
    target: URIRef
    polarity: URIRef
    evidence: URIRef
    confidence: URIRef
    condition: URIRef
    speaker: URIRef
    reportedBy: URIRef
    quote: URIRef

    # Direct actor -> proposal shortcuts beside each stance node
    supports: URIRef
    opposes: URIRef
    neutralOn: URIRef

    # Proposals
    proposedBy: URIRef
    hasPart: URIRef
    partOf: URIRef

    # Provenance of extraction
    rule: URIRef
    softwareVersion: URIRef
    mentionedIn: URIRef
    denotes: URIRef
    resolution: URIRef


POLARITY_TERM = {"support": SG.Support, "oppose": SG.Oppose, "neutral": SG.Neutral}
DIRECT_TERM = {"support": SG.supports, "oppose": SG.opposes, "neutral": SG.neutralOn}
KIND_TERM = {
    "Person": SG.Person,
    "Organisation": SG.Organisation,
    "Country": SG.Country,
    "Government": SG.Government,
    "Group": SG.Group,
    "Proposal": SG.Proposal,
}
