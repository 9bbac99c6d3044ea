#!/usr/bin/env bash
# Tests scripts/install.sh the way a user meets it: installs from a copy of the source
# tree into a temporary prefix, deletes the copy (source and .build), then runs the
# installed binary from another folder: --version, the man page and completions, and a
# report on the Northwind sample identical to the committed one. .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/src"
git ls-files -z | xargs -0 tar -cf - | tar -xf - -C "$work/src"
"$work/src/scripts/install.sh" "$work/prefix" >/dev/null
rm -rf "$work/src"
cp -r samples/northwind "$work/data"
cd "$work/data"
fail() { echo "install test: $*" >&2; exit 1; }
bin="$work/prefix/bin/gutcheck"
[ "$("$bin" --version)" = "$(grep -o 'version = "[^"]*"' "$OLDPWD/Sources/GutcheckCommands/GutcheckCommand.swift" | cut -d'"' -f2)" ] \
  || fail "--version does not print the source's version"
[ -s "$work/prefix/share/man/man1/gutcheck.1" ] || fail "no man page"
grep -q "rollup" "$work/prefix/share/man/man1/gutcheck.1" || fail "the man page lacks the rollup command"
for f in share/bash-completion/completions/gutcheck share/zsh/site-functions/_gutcheck share/fish/vendor_completions.d/gutcheck.fish; do
  [ -s "$work/prefix/$f" ] || fail "no $f"
done
if ldd "$bin" | grep -q libswiftCore; then fail "the binary needs the Swift runtime"; fi
# The formats render-samples.sh uses, so the marker lists the same files.
env -i PATH=/usr/bin:/bin "$bin" report --plan plan.yaml --results results-2022-2024.csv --results results-2025.csv --results results-2026.csv \
  --format md,html,json,packet --out report --quiet
# Same inputs, same bytes — except the data notes, which name the files as given here.
diff -r -x '*.md' -x '*.html' -x summary.json "$OLDPWD/samples/northwind/report" report || fail "the installed binary's output differs from samples/northwind/report (charts or the marker)"
grep -q "Northwind Instruments" report/index.html || fail "no roll-up written"
echo "ok: installed binary runs from $work/data without the source tree"
