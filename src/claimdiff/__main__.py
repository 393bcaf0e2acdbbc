from claimdiff.cli import main

main(prog_name="claimdiff")
