#!/usr/bin/env bash
# Install the named Debian packages that dpkg does not list as installed.
#
# As root this runs `apt-get update` once and then `apt-get install`, without prompts. As any other user
# it prints the `sudo apt-get install` command to run and carries on, unless --required is given, in
# which case it exits with status 1.
#
# Usage: scripts/install-debian-packages.sh [--required] PACKAGE...
set -euo pipefail

required=false
if [[ "${1:-}" == "--required" ]]; then
    required=true
    shift
fi

missing=()
for package in "$@"; do
    status=$(dpkg-query --show --showformat='${db:Status-Status}' "$package" 2>/dev/null || true)
    if [[ "$status" != "installed" ]]; then
        missing+=("$package")
    fi
done

if ((${#missing[@]} == 0)); then
    echo "Debian packages already installed: $*"
    exit 0
fi

if ((EUID == 0)); then
    echo "Installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update --quiet
    apt-get install --yes --quiet "${missing[@]}"
    exit 0
fi

echo "Missing Debian packages: ${missing[*]}" >&2
echo "Install them with: sudo apt-get install ${missing[*]}" >&2
if $required; then
    exit 1
fi
echo "Continuing without them. The features that need them fail until they are installed." >&2
