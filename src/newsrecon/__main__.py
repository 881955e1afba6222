"""`python -m newsrecon`: the same command line as `newsrecon`."""

from newsrecon.cli import main

if __name__ == "__main__":
    main()
