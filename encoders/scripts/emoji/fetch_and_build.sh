#!/usr/bin/env bash
# Builds the emoji image–caption data set for the built-in image tower, from npm packages only:
#   emoji-datasource-google (Noto Emoji images, Apache-2.0), emoji-datasource-twitter (Twemoji, CC-BY-4.0),
#   openmoji (CC-BY-SA-4.0, SVGs rasterised with rsvg-convert), emojibase-data (keywords, MIT).
# Needs npm, Debian's python3-pil and librsvg2-bin. Output: build/emoji/ (not committed).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
OUT="$ROOT/build/emoji"
mkdir -p "$OUT/npm"
cd "$OUT/npm"
for p in emoji-datasource-google@16.0.0 emoji-datasource-twitter@16.0.0 openmoji@17.0.0 emojibase-data@17.0.0; do
  name="${p%@*}"
  if [ ! -d "$name" ]; then
    npm pack --silent "$p" > /dev/null 2>&1
    mkdir -p "$name" && tar xzf "$name"-*.tgz -C "$name" && rm -f "$name"-*.tgz
  fi
done
/usr/bin/python3 "$ROOT/encoders/scripts/emoji/build_dataset.py" "$OUT/npm" "$OUT/dataset"
