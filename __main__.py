from stancegraph.cli import run

if __name__ == "__main__":  # not when a --jobs worker process (spawned) imports it
    run()
