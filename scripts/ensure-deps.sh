#!/usr/bin/env bash
# Installs what gutcheck needs to build when it is missing: Debian's libcmark-dev
# (and pkg-config, which SwiftPM uses to find it). Uses sudo when not root.
set -euo pipefail
missing=()
dpkg -s libcmark-dev >/dev/null 2>&1 || missing+=(libcmark-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
