"""`python -m analysis` runs the command line."""

from analysis.cli import main

main()
