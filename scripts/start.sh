#!/usr/bin/env bash
# Install Samverka, load the demo data into SQLite and serve it on http://127.0.0.1:8000/ (PORT to change).
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"
export DEBUG="${DEBUG:-true}"
PORT="${PORT:-8000}"
say "Preparing the database (SQLite in ./data unless DATABASE_URL is set)"
samverka migrate -v0
say "Loading the demo data"
samverka demo
cat <<MSG

  Samverka is running at  http://127.0.0.1:${PORT}/
  Public pages:           http://127.0.0.1:${PORT}/p/arjeplog/

  Demo logins (password for all: samverka-demo)
    arjeplog-samordnare  coordinator, Arjeplog
    arjeplog-redaktor    editor, Arjeplog
    polis-pitealvdal     editor, police area Piteå älvdal
    lansstyrelsen        reader, County Board of Norrbotten (all 14 municipalities)
    pitea-redaktor       editor, Piteå
    arjeplog-bedomare1   scorer of the demo readiness assessments (also arjeplog-bedomare2)
    admin                operator (superuser, /admin/)

  Stop with Ctrl+C.
MSG
exec samverka runserver "127.0.0.1:${PORT}"
