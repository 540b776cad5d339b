#!/bin/sh
# Makes src/embed/fonts/jetbrains-mono-400-subset.woff2, the only font the single-file widget
# (dist/redis-playground.js) inlines: JetBrains Mono regular (from @fontsource/jetbrains-mono's
# latin file) cut down to printable ASCII and the dashes, quotes, arrows and symbols the UI prints,
# without hinting or layout features (a monospace console needs neither kerning nor ligatures).
# Bold is synthesised by the browser; box drawing is drawn by xterm itself; accented letters, CJK
# and every other script fall back to the system's monospace font. 21 KiB → 5 KiB: with it the
# widget, Learn panel included, fits its 300 KiB gzipped budget. Run by hand (needs Python's
# fonttools and brotli):
#   PYTHONPATH=… sh build/subset-font.sh
set -e
cd "$(dirname "$0")/.."
python3 -m fontTools.subset \
  node_modules/@fontsource/jetbrains-mono/files/jetbrains-mono-latin-400-normal.woff2 \
  --output-file=src/embed/fonts/jetbrains-mono-400-subset.woff2 --flavor=woff2 \
  --unicodes='U+0020-007E,U+00A0,U+00B0,U+00B1,U+00B7,U+00D7,U+2013,U+2014,U+2018,U+2019,U+201C,U+201D,U+2022,U+2026,U+2190-2193,U+2212,U+FFFD' \
  --layout-features='' --no-hinting --desubroutinize --name-IDs='*' --name-languages='*'
