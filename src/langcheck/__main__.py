"""`python -m langcheck`: the `langcheck` command (the same entry point as the installed script)."""

from langcheck.cli import main

if __name__ == "__main__":
    main()
