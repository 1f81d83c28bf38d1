from ossmatch.cli import main

main()
