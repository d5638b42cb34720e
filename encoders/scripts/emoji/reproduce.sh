#!/usr/bin/env bash
# Rebuilds the data set, the caption embeddings and (with --train) the image tower, then prints the
# zero-shot evaluation table of the model card. Needs npm, Debian's python3-pil, python3-torch, librsvg2-bin.
#   encoders/scripts/emoji/reproduce.sh            # evaluate the shipped tower
#   encoders/scripts/emoji/reproduce.sh --train    # retrain it first (about 12 minutes on 2 cores)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
DATA="$ROOT/build/emoji/dataset"
cd "$ROOT"
encoders/scripts/emoji/fetch_and_build.sh
if [ "${1:-}" = "--train" ]; then
  ./prism embed --jsonl "$DATA/captions.jsonl" --out "$DATA/captions.f32"
  PRISM_EPOCHS="${PRISM_EPOCHS:-25}" /usr/bin/python3 encoders/scripts/emoji/train.py "$DATA" encoders/src/main/resources/models/emoji-tower
  echo "new tower: update EMOJI_TOWER_SHA256 in BuiltInModels.java to $(sha256sum encoders/src/main/resources/models/emoji-tower/emoji-tower.onnx | cut -d' ' -f1)"
fi
./prism eval zero-shot --model minilm --data "$DATA"
