#!/usr/bin/env python3
"""GPU probe for the borrowed device: does ONNX Runtime's CUDA provider run the tiny CLIP fixture, and do
its outputs match the torch goldens (the same check TinyClipGoldenTest does on CPU in Java)?

    python3 encoders/scripts/gpu_probe.py encoders/src/test/resources/models/tiny-clip
"""
import json
import math
import sys
import time


def main(folder):
    try:
        import numpy as np
        import onnxruntime as ort
    except ImportError as e:
        print("onnxruntime not importable:", e)
        return
    print("onnxruntime", ort.__version__, "providers", ort.get_available_providers())
    golden = json.load(open(folder + "/golden.json"))
    for provider in ["CUDAExecutionProvider", "CPUExecutionProvider"]:
        if provider not in ort.get_available_providers():
            print(provider, "not available")
            continue
        try:
            text = ort.InferenceSession(folder + "/text_model.onnx", providers=[provider])
            vision = ort.InferenceSession(folder + "/vision_model.onnx", providers=[provider])
        except Exception as e:  # noqa: BLE001 - report any start failure
            print(provider, "failed to start:", e)
            continue
        print(provider, "session providers:", vision.get_providers())
        worst = 0.0
        for row in golden["text"]:
            ids = np.array([row["input_ids"]], dtype=np.int64)
            out = text.run(["text_embeds"], {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][0]
            worst = max(worst, float(np.max(np.abs(out - np.array(row["text_embeds"])))))
        for row in golden["image"]:
            i = np.arange(3 * 224 * 224, dtype=np.float64)
            pixels = (np.sin(0.001 * (i + 1) * (row["seed"] + 1)) * 2).astype(np.float32).reshape(1, 3, 224, 224)
            out = vision.run(["image_embeds"], {"pixel_values": pixels})[0][0]
            worst = max(worst, float(np.max(np.abs(out - np.array(row["image_embeds"])))))
        print(provider, "max |delta| vs torch golden:", worst)
        for batch in (1, 32, 256):
            x = np.random.RandomState(0).randn(batch, 3, 224, 224).astype(np.float32)
            vision.run(["image_embeds"], {"pixel_values": x})
            t = time.time()
            n = 0
            while time.time() - t < 2.0:
                vision.run(["image_embeds"], {"pixel_values": x})
                n += batch
            print(provider, "vision batch", batch, "%.0f images/s" % (n / (time.time() - t)))


if __name__ == "__main__":
    main(sys.argv[1])
