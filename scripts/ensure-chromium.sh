#!/usr/bin/env bash
# Make sure the browser tests have a Chromium. Never lets them skip silently:
# finds one, installs one, or stops with a one-line instruction.
set -euo pipefail

if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] && exit 0
  echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file." >&2
  exit 1
fi
# The same places the build and the tests look (guide.diagrams.chromium_executable).
for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
  [ -x "$candidate" ] && exit 0
done
command -v chromium >/dev/null && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests (apt-get)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi

if .venv/bin/python -m playwright install chromium >/dev/null 2>&1; then
  echo "Using a Playwright-managed Chromium."
  exit 0
fi

echo "No Chromium found: install Debian's 'chromium' package (sudo apt-get install chromium) or set CHROMIUM_PATH, then run make test again." >&2
exit 1
