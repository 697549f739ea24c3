# Shared by scripts/start, scripts/test and CI: create the virtual environment and install
# Liaison into it from the hash-locked requirements (requirements/*.lock, made by
# scripts/lock from pyproject.toml), again whenever pyproject.toml or the lock has changed;
# then compile the translation catalogues.
#
# LIAISON_VENV names the environment's directory (default .venv); PYTHON names the
# interpreter (default: the first of python3.11, python3.12, python3.13 on the path).
LIAISON_VENV="${LIAISON_VENV:-.venv}"

liaison_python() {
  if [ -n "${PYTHON:-}" ]; then
    echo "$PYTHON"
    return
  fi
  local candidate
  for candidate in python3.11 python3.12 python3.13; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c pass >/dev/null 2>&1; then
      echo "$candidate"
      return
    fi
  done
  echo python3.11
}

liaison_venv() {
  local extras="$1" python lock stamp
  python="$(liaison_python)"
  lock="requirements/runtime.lock"
  stamp="$LIAISON_VENV/.installed"
  if [ -n "$extras" ]; then
    lock="requirements/test.lock"
    stamp="$LIAISON_VENV/.installed-test"
  fi
  if ! command -v "$python" >/dev/null 2>&1; then
    echo "Liaison needs Python 3.11, 3.12 or 3.13: '$python' was not found. Install one, or set PYTHON=/path/to/python3." >&2
    exit 1
  fi
  if ! "$python" -c 'import sys; sys.exit(not ((3, 11) <= sys.version_info[:2] <= (3, 13)))'; then
    echo "Liaison needs Python 3.11, 3.12 or 3.13; '$python' is $("$python" -V 2>&1)." >&2
    exit 1
  fi
  if [ ! -x "$LIAISON_VENV/bin/python" ]; then
    "$python" -m venv "$LIAISON_VENV"
  fi
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ "$lock" -nt "$stamp" ]; then
    echo "Installing Liaison and its locked dependencies ($lock) into $LIAISON_VENV ..."
    # Every package, indirect ones and the build tools included, is checked against the
    # lock's hashes; Liaison itself is then installed from this checkout with those tools.
    "$LIAISON_VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
      --require-hashes --no-deps -r "$lock"
    "$LIAISON_VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
      --no-deps --no-build-isolation --editable .
    touch "$stamp"
  fi
  # The translations: the committed .po catalogues compiled to .mo (only those changed).
  "$LIAISON_VENV/bin/python" -m liaison.core.catalogues
}
