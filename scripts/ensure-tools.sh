#!/usr/bin/env bash
# Makes sure the tools the tests read our files with are installed (Debian packages):
# pdftotext and pdfinfo (poppler-utils) check the doctor report's PDF text and pages.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1; then
  echo "ensure-tools: installing poppler-utils (Debian packages)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
fi
echo "ensure-tools: $(pdftotext -v 2>&1 | head -n 1)"
