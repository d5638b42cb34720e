package dev.prism.encoders.image;

/**
 * CLIP image preprocessing as a pure function: resize the shorter side to {@code size} (PIL bicubic,
 * antialiased; longer side = floor(size · long / short)), centre-crop size × size (offset rounded half to
 * even, as torchvision's CenterCrop), then scale to [0, 1] and normalise per channel into a CHW float
 * tensor.
 */
public final class ClipImagePreprocessor {
    private final int size;
    private final float[] mean;
    private final float[] std;

    public ClipImagePreprocessor(int size, float[] mean, float[] std) {
        if (size < 1 || size > 4096) {
            throw new IllegalArgumentException("image size must be in [1, 4096], got " + size);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values each, got " + mean.length + " and " + std.length);
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std values must be > 0, got " + s);
            }
        }
        this.size = size;
        this.mean = mean.clone();
        this.std = std.clone();
    }

    public int size() {
        return size;
    }

    /** The 8-bit pixels after resize and crop, before normalisation (what {@code prism preprocess} writes). */
    public RgbImage resizeAndCrop(RgbImage image) {
        int w = image.width();
        int h = image.height();
        int outW;
        int outH;
        if (w <= h) {
            outW = size;
            outH = (int) ((double) size * h / w);
        } else {
            outH = size;
            outW = (int) ((double) size * w / h);
        }
        RgbImage resized = (outW == w && outH == h) ? image : PilBicubicResampler.resize(image, outW, outH);
        return centreCrop(resized, size);
    }

    /** Normalised CHW floats, length 3 · size · size. */
    public float[] toTensor(RgbImage image) {
        RgbImage crop = resizeAndCrop(image);
        int plane = size * size;
        float[] out = new float[3 * plane];
        byte[] rgb = crop.rgb();
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                out[c * plane + i] = ((rgb[3 * i + c] & 0xff) / 255.0f - mean[c]) / std[c];
            }
        }
        return out;
    }

    static RgbImage centreCrop(RgbImage image, int size) {
        int w = image.width();
        int h = image.height();
        if (w == size && h == size) {
            return image;
        }
        int top = (int) Math.rint((h - size) / 2.0);
        int left = (int) Math.rint((w - size) / 2.0);
        byte[] out = new byte[3 * size * size];
        byte[] src = image.rgb();
        for (int y = 0; y < size; y++) {
            int sy = y + top;
            for (int x = 0; x < size; x++) {
                int sx = x + left;
                int o = 3 * (y * size + x);
                if (sy >= 0 && sy < h && sx >= 0 && sx < w) {
                    System.arraycopy(src, 3 * (sy * w + sx), out, o, 3);
                } // outside the image (only when it is smaller than the crop): zero padding, as torchvision
            }
        }
        return new RgbImage(size, size, out);
    }
}
