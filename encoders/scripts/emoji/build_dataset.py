#!/usr/bin/python3
"""Emoji concepts × styles → a data set folder:
    images/<style>/<unified>.png   64×64 RGBA as published (openmoji rasterised from SVG)
    concepts.json                  [{unified, name, category, subcategory, keywords, styles, split}]
    captions.jsonl                 {"concept": i, "text": ...} — several captions per concept
split: "train" or "heldout" (20 % of concepts, chosen by a hash of the code point: never seen in training).
The style "openmoji" is never used in training (held-out style).
"""
import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys


def main(npm, out):
    os.makedirs(out, exist_ok=True)
    emoji = json.load(open(os.path.join(npm, "emoji-datasource-google/package/emoji.json")))
    base = json.load(open(os.path.join(npm, "emojibase-data/package/en/data.json")))
    keywords = {e["hexcode"].upper(): (e.get("label", ""), e.get("tags", [])) for e in base}
    openmoji = {}
    with open(os.path.join(npm, "openmoji/package/data/openmoji.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            openmoji[row["hexcode"].upper()] = row
    concepts, captions = [], []
    for e in sorted(emoji, key=lambda e: e["sort_order"]):
        unified = e["unified"].upper()
        styles = {}
        for style, flag in (("google", "has_img_google"), ("twitter", "has_img_twitter")):
            src = os.path.join(npm, f"emoji-datasource-{style}/package/img/{style}/64/{e['image']}")
            if e.get(flag) and os.path.exists(src):
                dst = os.path.join(out, "images", style, unified + ".png")
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                shutil.copyfile(src, dst)
                styles[style] = dst
        svg_code = unified if unified in openmoji else unified.replace("-FE0F", "")
        svg = os.path.join(npm, "openmoji/package/color/svg", svg_code + ".svg")
        if os.path.exists(svg):
            dst = os.path.join(out, "images", "openmoji", unified + ".png")
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            if not os.path.exists(dst):
                subprocess.run(["rsvg-convert", "-w", "64", "-h", "64", "-o", dst, svg], check=True)
            styles["openmoji"] = dst
        if not styles:
            continue
        name = (e.get("name") or e["short_names"][0]).lower()
        label, tags = keywords.get(unified, keywords.get(unified.replace("-FE0F", ""), ("", [])))
        split = "heldout" if int(hashlib.sha256(unified.encode()).hexdigest(), 16) % 5 == 0 else "train"
        index = len(concepts)
        concepts.append({"unified": unified, "name": name, "label": label or name, "category": e["category"].lower(),
                         "subcategory": e["subcategory"].replace("-", " "), "keywords": tags,
                         "styles": sorted(styles), "split": split})
        texts = {f"a picture of {name}", name, label or name}
        if tags:
            texts.add(", ".join(tags[:6]))
        texts.add(f"{name}, {e['subcategory'].replace('-', ' ')}")
        for t in sorted(texts):
            captions.append({"concept": index, "text": t})
    json.dump(concepts, open(os.path.join(out, "concepts.json"), "w"), indent=1)
    with open(os.path.join(out, "captions.jsonl"), "w") as f:
        for c in captions:
            f.write(json.dumps(c) + "\n")
    counts = {s: sum(1 for c in concepts if s in c["styles"]) for s in ("google", "twitter", "openmoji")}
    print(len(concepts), "concepts,", len(captions), "captions, images per style", counts,
          "held-out concepts", sum(1 for c in concepts if c["split"] == "heldout"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
