#!/usr/bin/env bash
# Installs gutcheck under PREFIX (default /usr/local; e.g. ~/.local for yourself):
# PREFIX/bin/gutcheck (Swift runtime linked in, templates embedded: it needs no source
# tree), bash/zsh/fish completions and the man page gutcheck(1).
#   scripts/install.sh [PREFIX]
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:-${PREFIX:-/usr/local}}
scripts/ensure-deps.sh
swift build -c release --product gutcheck --static-swift-stdlib >/dev/null
bin=.build/release/gutcheck
install -d "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -m 755 "$bin" "$prefix/bin/gutcheck"
"$bin" --generate-completion-script bash >"$prefix/share/bash-completion/completions/gutcheck"
"$bin" --generate-completion-script zsh >"$prefix/share/zsh/site-functions/_gutcheck"
"$bin" --generate-completion-script fish >"$prefix/share/fish/vendor_completions.d/gutcheck.fish"
man=$(mktemp -d)
trap 'rm -rf "$man"' EXIT
swift package --allow-writing-to-directory "$man" generate-manual --output-directory "$man" >"$man/log" 2>&1 \
  || { cat "$man/log" >&2; exit 1; }
install -m 644 "$man/gutcheck.1" "$prefix/share/man/man1/gutcheck.1"
echo "installed gutcheck $("$prefix/bin/gutcheck" --version) in $prefix"
