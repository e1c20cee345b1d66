from fairhear.cli import main

main()
