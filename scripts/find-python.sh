#!/usr/bin/env sh
# Print the path of a Python >= 3.12 (pyodide-build needs it), or explain what to install.
# Order: $PYTHON, pyenv's 3.13/3.12, python3.13, python3.12, python3.
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; }
for cand in "${PYTHON:-}" \
    "$(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.13*/bin/python 2>/dev/null | tail -n 1)" \
    "$(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.12*/bin/python 2>/dev/null | tail -n 1)" \
    "$(command -v python3.13 2>/dev/null)" "$(command -v python3.12 2>/dev/null)" \
    "$(command -v python3 2>/dev/null)"; do
  [ -n "$cand" ] && [ -x "$cand" ] && ok "$cand" && { echo "$cand"; exit 0; }
done
echo "No Python 3.12 or newer found. Install one (e.g. 'pyenv install 3.13' or 'apt-get install python3.12')," >&2
echo "or point PYTHON at it: make PYTHON=/path/to/python3.13 test" >&2
exit 1
