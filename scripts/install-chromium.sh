#!/usr/bin/env bash
# Install Debian's Chromium for the dossier's browser test, pinned to the version the project was
# checked with. Falls back to the archive's current build (with a warning) when the pinned one has
# left the archive, so a security update there does not break every fresh machine.
set -euo pipefail
want="${1:?usage: install-chromium.sh VERSION}"
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "install-chromium: not root and no sudo; install Debian's chromium to run the browser test" >&2
    exit 0
  fi
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
if ! $SUDO apt-get install -y -qq "chromium=$want" >/dev/null; then
  echo "install-chromium: chromium=$want is not in the archive any more; installing its current build" >&2
  $SUDO apt-get install -y -qq chromium >/dev/null
fi
chromium --version 2>/dev/null | grep -v '^\s*$' || true
