# Shared set-up for scripts/start.sh and scripts/test.sh: sourced, not run.
# Installs what is missing (Debian packages when we are root or may sudo), a virtual environment in
# .venv with the locked dependencies, and compiles the translations. Safe to run again.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[1;31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

APT_UPDATED=0
apt_install() {
  # apt_install PACKAGE... : install Debian packages, as root or through sudo.
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "need Debian packages $* but am neither root nor allowed sudo; install them and run again"
    sudo="sudo"
  fi
  if [ "$APT_UPDATED" = 0 ]; then $sudo apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || die "Python 3.11 or newer is needed ($PYTHON is $("$PYTHON" --version))"
command -v msgfmt >/dev/null || { say "Installing gettext (translations)"; apt_install gettext; }
# WeasyPrint renders PDFs with Pango.
ldconfig -p 2>/dev/null | grep -q libpango-1.0 || { say "Installing Pango (PDF reports)"; apt_install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; }

if [ ! -x .venv/bin/python ]; then
  say "Creating the virtual environment .venv"
  "$PYTHON" -m venv .venv 2>/dev/null || { apt_install python3-venv; rm -rf .venv; "$PYTHON" -m venv .venv; }
fi
# Reinstall only when the lock file changed since the last install.
STAMP=.venv/.samverka-lock
if ! cmp -s requirements.lock "$STAMP" 2>/dev/null; then
  say "Installing Python packages from requirements.lock"
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.lock
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .
  cp requirements.lock "$STAMP"
fi
export PATH="$ROOT/.venv/bin:$PATH"
say "Compiling translations"
for app in samverka/*/; do
  if [ -d "$app/locale" ]; then (cd "$app" && DEBUG=true samverka compilemessages -v0); fi
done
