from cryolog.cli import main

raise SystemExit(main())
