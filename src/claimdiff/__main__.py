from claimdiff.cli import main

# Guarded: the Dask engine's worker processes are spawned and import this module again.
if __name__ == "__main__":
    main(prog_name="claimdiff")
