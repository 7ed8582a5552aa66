#!/usr/bin/env bash
# Makes sure the tools the tests read our files with are installed (Debian packages):
# pdftotext and pdfinfo (poppler-utils) check the doctor report's PDF text and pages;
# chromium (headless) drives the admin page in a real browser (tests/e2e/admin_browser.rs).
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

updated=""
apt_install() {
  if [ -z "$updated" ]; then
    as_root apt-get update -qq
    updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1; then
  echo "ensure-tools: installing poppler-utils (Debian packages)"
  apt_install poppler-utils
fi
echo "ensure-tools: $(pdftotext -v 2>&1 | head -n 1)"

if ! command -v chromium >/dev/null 2>&1; then
  echo "ensure-tools: installing chromium (Debian packages)"
  apt_install chromium
fi
echo "ensure-tools: $(chromium --version 2>/dev/null | head -n 1)"
