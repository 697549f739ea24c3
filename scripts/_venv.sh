# Shared by scripts/start and scripts/test: create .venv and install Liaison into it,
# again whenever pyproject.toml has changed since the last install; then compile the
# translation catalogues.
liaison_venv() {
  local extras="$1" python="${PYTHON:-python3.11}" stamp=".venv/.installed${extras:+-test}"
  if ! command -v "$python" >/dev/null 2>&1; then
    echo "Liaison needs Python 3.11: '$python' was not found. Install it, or set PYTHON=/path/to/python3.11." >&2
    exit 1
  fi
  if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
  fi
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "Installing Liaison and its pinned dependencies into .venv ..."
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras}"
    touch "$stamp"
  fi
  # The translations: the committed .po catalogues compiled to .mo (only those changed).
  .venv/bin/python -m liaison.core.catalogues
}
