#!/usr/bin/env bash
# Create .venv with Python 3.11 if it is missing, and install the project into it for development.
#
# The install runs again only when pyproject.toml or the requested extras change: a stamp file inside
# .venv records what was installed last. Set PYTHON to use another Python 3.11 interpreter and
# PORTAL_EXTRAS to install other extras (default: dev,postgres,production, so that the tests of the
# production settings can build the real storage and search backends).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

python=${PYTHON:-python3.11}
extras=${PORTAL_EXTRAS:-dev,postgres,production}
venv=.venv
stamp=$venv/.portal-installed

if [[ ! -x $venv/bin/python ]]; then
    if ! command -v "$python" >/dev/null; then
        echo "Python 3.11 was not found as '$python'." >&2
        echo "Install it (sudo apt-get install python3.11 python3.11-venv) or set PYTHON=/path/to/python3.11." >&2
        exit 1
    fi
    # Debian ships ensurepip, which venv needs, in a separate package.
    if ! "$python" -c "import ensurepip" 2>/dev/null; then
        scripts/install-debian-packages.sh --required python3.11-venv
    fi
    echo "Creating $venv with $("$python" --version)"
    "$python" -m venv "$venv"
fi

wanted="$(sha256sum pyproject.toml | cut -d' ' -f1) extras=$extras"
if [[ -f $stamp && "$(cat "$stamp")" == "$wanted" ]]; then
    echo "Python packages already installed in $venv (pyproject.toml unchanged)."
    exit 0
fi

export PIP_DISABLE_PIP_VERSION_CHECK=1
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet --editable ".[$extras]"
echo "$wanted" >"$stamp"
echo "Installed the project with extras [$extras] into $venv."
