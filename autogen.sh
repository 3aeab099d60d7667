#!/bin/sh
# Bootstrap the build system from a fresh clone: autopoint brings gettext's
# po/ infrastructure, autoreconf the rest.
set -e
cd "$(dirname "$0")"
autoreconf --install --force
