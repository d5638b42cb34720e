package dev.prism.encoders.image;

/**
 * Pillow's antialiased bicubic resampling ({@code Image.resize(size, BICUBIC)}), reproduced integer for
 * integer: separable horizontal-then-vertical passes, filter support scaled by the downscale factor,
 * cubic kernel with a = -0.5, coefficients normalised then quantised to 22 fractional bits, and each
 * pass rounded and clipped to 8 bits. CLIP models were trained on pixels made this way; a generic
 * bicubic (no antialiasing, float output) drifts from them.
 */
public final class PilBicubicResampler {
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final double SUPPORT = 2.0;

    private PilBicubicResampler() {}

    public static RgbImage resize(RgbImage in, int outWidth, int outHeight) {
        if (outWidth < 1 || outHeight < 1) {
            throw new IllegalArgumentException("target size must be positive, got " + outWidth + "x" + outHeight);
        }
        RgbImage image = in;
        if (outWidth != image.width()) {
            image = horizontal(image, outWidth);
        }
        if (outHeight != image.height()) {
            image = vertical(image, outHeight);
        }
        return image;
    }

    static double cubic(double x) {
        double a = -0.5;
        if (x < 0.0) {
            x = -x;
        }
        if (x < 1.0) {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
    }

    /** Per output index: first input index, count, and fixed-point weights. */
    record Coefficients(int[] start, int[] count, int[][] weights) {}

    static Coefficients coefficients(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = SUPPORT * filterScale;
        int[] start = new int[outSize];
        int[] count = new int[outSize];
        int[][] weights = new int[outSize][];
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            double ss = 1.0 / filterScale;
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
            double[] k = new double[Math.max(xmax, 0)];
            double ww = 0.0;
            for (int x = 0; x < xmax; x++) {
                double w = cubic((x + xmin - center + 0.5) * ss);
                k[x] = w;
                ww += w;
            }
            int[] fixed = new int[k.length];
            for (int x = 0; x < k.length; x++) {
                double normalised = ww != 0.0 ? k[x] / ww : k[x];
                fixed[x] = (int) (normalised < 0
                        ? -0.5 + normalised * (1 << PRECISION_BITS)
                        : 0.5 + normalised * (1 << PRECISION_BITS));
            }
            start[xx] = xmin;
            count[xx] = k.length;
            weights[xx] = fixed;
        }
        return new Coefficients(start, count, weights);
    }

    private static RgbImage horizontal(RgbImage in, int outWidth) {
        Coefficients c = coefficients(in.width(), outWidth);
        int h = in.height();
        int inW = in.width();
        byte[] src = in.rgb();
        byte[] out = new byte[3 * outWidth * h];
        for (int y = 0; y < h; y++) {
            int rowBase = 3 * y * inW;
            for (int xx = 0; xx < outWidth; xx++) {
                int[] k = c.weights()[xx];
                int first = c.start()[xx];
                for (int ch = 0; ch < 3; ch++) {
                    int ss = 1 << (PRECISION_BITS - 1);
                    for (int x = 0; x < k.length; x++) {
                        ss += (src[rowBase + 3 * (first + x) + ch] & 0xff) * k[x];
                    }
                    out[3 * (y * outWidth + xx) + ch] = clip8(ss);
                }
            }
        }
        return new RgbImage(outWidth, h, out);
    }

    private static RgbImage vertical(RgbImage in, int outHeight) {
        Coefficients c = coefficients(in.height(), outHeight);
        int w = in.width();
        byte[] src = in.rgb();
        byte[] out = new byte[3 * w * outHeight];
        for (int yy = 0; yy < outHeight; yy++) {
            int[] k = c.weights()[yy];
            int first = c.start()[yy];
            for (int x = 0; x < w; x++) {
                for (int ch = 0; ch < 3; ch++) {
                    int ss = 1 << (PRECISION_BITS - 1);
                    for (int y = 0; y < k.length; y++) {
                        ss += (src[3 * ((first + y) * w + x) + ch] & 0xff) * k[y];
                    }
                    out[3 * (yy * w + x) + ch] = clip8(ss);
                }
            }
        }
        return new RgbImage(w, outHeight, out);
    }

    private static byte clip8(int in) {
        if (in >= (1 << PRECISION_BITS << 8)) {
            return (byte) 255;
        }
        if (in <= 0) {
            return 0;
        }
        return (byte) (in >> PRECISION_BITS);
    }
}
