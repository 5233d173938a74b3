from stancegraph.cli import run

run()
