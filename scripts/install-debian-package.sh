#!/usr/bin/env bash
# Install a Debian package the tests need (Chromium for the dossier's browser test, a Java runtime
# for Spark in local mode), pinned to the version the project was checked with. Does nothing when
# the command it provides is already on PATH. Falls back to the archive's current build (with a
# warning) when the pinned one has left the archive, so a security update there does not break
# every fresh machine.
set -euo pipefail
command="${1:?usage: install-debian-package.sh COMMAND PACKAGE VERSION}"
package="${2:?usage: install-debian-package.sh COMMAND PACKAGE VERSION}"
want="${3:?usage: install-debian-package.sh COMMAND PACKAGE VERSION}"
if command -v "$command" >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "install-debian-package: not root and no sudo; install Debian's $package to run the tests that need it" >&2
    exit 0
  fi
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
if ! $SUDO apt-get install -y -qq "$package=$want" >/dev/null; then
  echo "install-debian-package: $package=$want is not in the archive any more; installing its current build" >&2
  $SUDO apt-get install -y -qq "$package" >/dev/null
fi
