#!/usr/bin/env bash
# Checks a printed board packet as a director would leaf through it (SPEC §12.1): no page but
# the cover may hold three text lines or fewer (the running head and the page number do not
# count), and with --regions N pages 3 to N+2 are each one region's page.
#   scripts/check-pages.sh PACKET.pdf [--regions N]
# Needs pdftotext and pdfinfo (Debian's poppler-utils).
set -euo pipefail
pdf=$1
regions=${3:-0}
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
status=0
for ((p = 2; p <= pages; p++)); do
  # Content lines: not blank, not the running head (it ends "cut-off <date>"), not "Page n of N".
  lines=$(pdftotext -f $p -l $p -layout "$pdf" - | grep -v '^[[:space:]]*$' | grep -v 'mid-year gut check · cut-off' \
    | grep -cv '^[[:space:]]*Page [0-9]* of [0-9]*[[:space:]]*$' || true)
  if [ "$lines" -le 3 ]; then
    echo "$pdf: page $p of $pages holds $lines line(s) of text; a page should never be that empty" >&2
    status=1
  fi
done
if [ "$regions" -gt 0 ]; then
  for ((p = 3; p < 3 + regions; p++)); do
    # A region's page starts with its name and "Leader"/"Cut-off"; the next page must start another part.
    first=$(pdftotext -f $p -l $p "$pdf" - | grep -v '^[[:space:]]*$' | grep -v 'mid-year gut check · cut-off' | head -1)
    if ! pdftotext -f $p -l $p "$pdf" - | grep -q "Executive summary · Full report"; then
      echo "$pdf: page $p is not a region's page (it starts: $first)" >&2
      status=1
    fi
  done
fi
[ $status -ne 0 ] || echo "$pdf: $pages pages, none near-empty$([ "$regions" -gt 0 ] && echo ", pages 3 to $((regions + 2)) one region each")."
exit $status
