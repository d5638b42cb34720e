#!/usr/bin/python3
"""Train Prism's built-in image tower into all-MiniLM-L6-v2's space (locked-text contrastive tuning).

    /usr/bin/python3 encoders/scripts/emoji/train.py build/emoji/dataset encoders/src/main/resources/models/emoji-tower

Data: build/emoji/dataset from fetch_and_build.sh; caption embeddings from `./prism embed` (Prism's own Java
MiniLM), frozen. Training uses only the google and twitter styles and only concepts with split == "train":
openmoji (held-out style) and 20 % of concepts (held-out concepts) are never seen, so `prism eval zero-shot`
measures the shipped model on unseen data. Images are read exactly as the Java encoder reads them at
inference (PIL convert("RGB"): alpha dropped, no resize at 64 px), normalised with mean = std = 0.5.
Loss: InfoNCE of each image against every training concept's caption prototype (renormalised mean of its
frozen caption embeddings), with a learnable temperature. Augmentation: random scale/crop, colour jitter,
random background colour (alpha compositing) half of the time.
"""
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

SIZE = 64
DIM = 384
SEED = 7


class Tower(nn.Module):
    def __init__(self):
        super().__init__()
        def block(cin, cout, stride):
            return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))
        self.features = nn.Sequential(block(3, 32, 1), block(32, 64, 2), block(64, 64, 1), block(64, 128, 2), block(128, 128, 1),
                                      block(128, 256, 2), block(256, 256, 1), block(256, 384, 2))
        self.head = nn.Sequential(nn.Linear(384, 768), nn.ReLU(inplace=True), nn.Dropout(0.1), nn.Linear(768, DIM))

    def forward(self, pixel_values):
        x = self.features(pixel_values).mean(dim=(2, 3))
        return F.normalize(self.head(x), dim=-1)


def load_rgba(path):
    return np.asarray(Image.open(path).convert("RGBA"), dtype=np.uint8)


def inference_rgb(rgba):
    """What the Java decoder gives: alpha dropped (PIL convert("RGB") on the original file)."""
    return rgba[:, :, :3]


def augment(rgba, rng):
    img = rgba.astype(np.float32)
    if rng.random() < 0.5:
        bg = np.array([rng.random() * 255, rng.random() * 255, rng.random() * 255], dtype=np.float32)
        a = img[:, :, 3:4] / 255.0
        rgb = img[:, :, :3] * a + bg * (1 - a)
    else:
        rgb = img[:, :, :3]
    pil = Image.fromarray(rgb.clip(0, 255).astype(np.uint8))
    scale = rng.uniform(0.75, 1.0)
    side = int(SIZE * scale)
    x0, y0 = rng.randint(0, SIZE - side), rng.randint(0, SIZE - side)
    pil = pil.crop((x0, y0, x0 + side, y0 + side)).resize((SIZE, SIZE), Image.BICUBIC)
    arr = np.asarray(pil, dtype=np.float32)
    arr = arr * rng.uniform(0.8, 1.2) + rng.uniform(-20, 20)
    gray = arr.mean(axis=2, keepdims=True)
    arr = gray + (arr - gray) * rng.uniform(0.7, 1.3)
    return arr.clip(0, 255)


def to_tensor(rgb):
    t = torch.from_numpy(np.ascontiguousarray(rgb, dtype=np.float32)).permute(2, 0, 1) / 255.0
    return (t - 0.5) / 0.5


def main(data, out):
    torch.manual_seed(SEED)
    random.seed(SEED)
    rng = random.Random(SEED)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    concepts = json.load(open(os.path.join(data, "concepts.json")))
    captions = [json.loads(l) for l in open(os.path.join(data, "captions.jsonl"))]
    vectors = np.fromfile(os.path.join(data, "captions.f32"), dtype="<f4").reshape(len(captions), DIM)
    train_ids = [i for i, c in enumerate(concepts) if c["split"] == "train"]
    index_of = {c: k for k, c in enumerate(train_ids)}
    proto = np.zeros((len(train_ids), DIM), dtype=np.float32)
    for row, cap in enumerate(captions):
        if cap["concept"] in index_of:
            proto[index_of[cap["concept"]]] += vectors[row]
    proto /= np.linalg.norm(proto, axis=1, keepdims=True)
    prototypes = torch.from_numpy(proto)
    samples = []
    for cid in train_ids:
        for style in ("google", "twitter"):
            if style in concepts[cid]["styles"]:
                samples.append((load_rgba(os.path.join(data, "images", style, concepts[cid]["unified"] + ".png")), index_of[cid]))
    print(f"{len(samples)} training images, {len(train_ids)} training concepts", flush=True)

    model = Tower()
    logit_scale = nn.Parameter(torch.tensor(math.log(1 / 0.07)))
    epochs = int(os.environ.get("PRISM_EPOCHS", "40"))
    batch = 128
    steps = epochs * math.ceil(len(samples) / batch)
    optimizer = torch.optim.AdamW(list(model.parameters()) + [logit_scale], lr=2e-3, weight_decay=0.05)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=2e-3, total_steps=steps, pct_start=0.1)
    start = time.time()
    for epoch in range(epochs):
        model.train()
        rng.shuffle(samples)
        total, correct, count = 0.0, 0, 0
        for b in range(0, len(samples), batch):
            chunk = samples[b:b + batch]
            x = torch.stack([to_tensor(augment(s[0], rng)) for s in chunk])
            y = torch.tensor([s[1] for s in chunk])
            emb = model(x)
            logits = logit_scale.clamp(max=math.log(100)).exp() * emb @ prototypes.T
            loss = F.cross_entropy(logits, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            total += loss.item() * len(chunk)
            correct += (logits.argmax(1) == y).sum().item()
            count += len(chunk)
        print(f"epoch {epoch + 1}/{epochs} loss {total / count:.3f} train top-1 {correct / count:.3f} "
              f"scale {logit_scale.exp().item():.1f} {time.time() - start:.0f}s", flush=True)

    model.eval()
    os.makedirs(out, exist_ok=True)
    dummy = to_tensor(inference_rgb(samples[0][0])).unsqueeze(0)
    path = os.path.join(out, "emoji-tower.onnx")
    torch.onnx.export(model, (dummy,), path, input_names=["pixel_values"], output_names=["image_embeds"],
                      dynamic_axes={"pixel_values": {0: "batch"}, "image_embeds": {0: "batch"}}, opset_version=14)
    print("exported", path, os.path.getsize(path), "bytes;", f"{time.time() - start:.0f}s training", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
