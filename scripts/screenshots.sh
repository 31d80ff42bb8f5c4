#!/usr/bin/env bash
# make screenshots: every report page in headless Chromium at its real height at 1280 px, the index, the search
# page and chapter 5 also at 400 px, and chapter 5 printed to PDF (A4) with each printed page as a PNG. Usage: scripts/screenshots.sh REPORT_DIR OUT_DIR
set -euo pipefail
report=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
command -v chromium >/dev/null || { echo "make screenshots: chromium is not installed (apt-get install chromium)" >&2; exit 1; }
chrome() { chromium --headless --no-sandbox --hide-scrollbars --disable-gpu --allow-file-access-from-files "$@" 2>/dev/null; }
pages=$(cd "$report" && ls *.html | grep -v '\.source\.html$')
rm -f "$out"/*.png "$out"/*.pdf "$out"/heights.txt

# Pass 1: one Chromium loads every page in iframes of both widths and prints each page's scroll height,
# because headless --screenshot captures the window, not the page.
{
  echo '<!DOCTYPE html><html><body><pre id="out"></pre><script>'
  echo "const pages = [$(for p in $pages; do printf '"%s",' "$p"; done)]; const out = [];"
  echo "const narrow = p => p == 'index.html' || p == 'search.html' || p.startsWith('05-');"
  echo "const jobs = [].concat(pages.map(p => [1280, p]), pages.filter(narrow).map(p => [400, p])); let pending = jobs.length;"
  echo "for (const [w, p] of jobs) { const f = document.createElement('iframe');"
  echo "  f.style.width = w + 'px'; f.style.height = '200px'; f.src = 'file://$report/' + p;"
  echo "  f.onload = () => { out.push(w + ' ' + p + ' ' + f.contentDocument.documentElement.scrollHeight);"
  echo "    if (--pending == 0) document.getElementById('out').textContent = out.sort().join('\\n'); };"
  echo "  document.body.appendChild(f); }"
  echo '</script></body></html>'
} > "$out/measure.html"
chrome --virtual-time-budget=20000 --dump-dom "file://$out/measure.html" \
  | sed -n '/<pre id="out">/,/<\/pre>/p' | sed 's/<[^>]*>//g' | grep -E '^[0-9]+ ' > "$out/heights.txt"
rm -f "$out/measure.html"
[ -s "$out/heights.txt" ] || { echo "make screenshots: could not measure the pages" >&2; exit 1; }

# Pass 2: each page at its measured height, two at a time (2 cores).
xargs -P 2 -L 1 sh -c '
  png="$2/${4%.html}-$3.png"
  chromium --headless --no-sandbox --hide-scrollbars --disable-gpu --window-size="$3,$5" --screenshot="$png" "file://$1/$4" 2>/dev/null
  echo "$png ($3 x $5)"' _ "$report" "$out" < "$out/heights.txt"

# A printed chapter: A4 PDF and one PNG per printed page.
chapter=$(cd "$report" && ls 05-*.html | grep -v source | head -1)
if [ -n "$chapter" ]; then
  chrome --no-pdf-header-footer --print-to-pdf="$out/print-${chapter%.html}.pdf" "file://$report/$chapter"
  echo "$out/print-${chapter%.html}.pdf"
  if command -v pdftoppm >/dev/null; then
    pdftoppm -png -r 60 "$out/print-${chapter%.html}.pdf" "$out/print-${chapter%.html}" && echo "$out/print-${chapter%.html}-*.png"
  else echo "make screenshots: pdftoppm (poppler-utils) missing; the printed pages stay a PDF" >&2; fi
fi
