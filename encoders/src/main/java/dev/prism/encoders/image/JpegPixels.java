package dev.prism.encoders.image;

import java.awt.image.Raster;

/**
 * Converts a JPEG's raw decoded samples to RGB exactly as libjpeg and PIL do: YCbCr with libjpeg's
 * fixed-point tables, Adobe CMYK/YCCK inverted and converted with PIL's {@code cmyk2rgb}.
 */
final class JpegPixels {
    private static final int SCALEBITS = 16;
    private static final int ONE_HALF = 1 << (SCALEBITS - 1);
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALEBITS;
            CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALEBITS;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + ONE_HALF;
        }
    }

    private JpegPixels() {}

    private static int fix(double v) {
        return (int) (v * (1L << SCALEBITS) + 0.5);
    }

    static RgbImage toRgb(Raster raster, JpegColorInfo info) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        if (bands != info.components()) {
            throw new ImageDecodeException("JPEG declares " + info.components() + " components but decodes to " + bands);
        }
        JpegColorInfo.Transform transform = info.transform();
        byte[] out = new byte[3 * w * h];
        int[] row = new int[w * bands];
        int[] rgb = new int[3];
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int p = x * bands;
                switch (transform) {
                    case GRAY -> rgb[0] = rgb[1] = rgb[2] = row[p];
                    case RGB -> { rgb[0] = row[p]; rgb[1] = row[p + 1]; rgb[2] = row[p + 2]; }
                    case YCBCR -> ycc(row[p], row[p + 1], row[p + 2], rgb);
                    case CMYK -> {
                        if (info.adobe()) { // Adobe writes CMYK inverted; PIL reads it as "CMYK;I"
                            cmyk(255 - row[p], 255 - row[p + 1], 255 - row[p + 2], 255 - row[p + 3], rgb);
                        } else {
                            cmyk(row[p], row[p + 1], row[p + 2], row[p + 3], rgb);
                        }
                    }
                    case YCCK -> {
                        // libjpeg: YCC -> RGB, then C,M,Y = 255 - R,G,B, K as stored; PIL then inverts (Adobe).
                        ycc(row[p], row[p + 1], row[p + 2], rgb);
                        cmyk(rgb[0], rgb[1], rgb[2], 255 - row[p + 3], rgb);
                    }
                }
                int o = 3 * (y * w + x);
                out[o] = (byte) rgb[0];
                out[o + 1] = (byte) rgb[1];
                out[o + 2] = (byte) rgb[2];
            }
        }
        return new RgbImage(w, h, out);
    }

    private static void ycc(int y, int cb, int cr, int[] rgb) {
        rgb[0] = clamp(y + CR_R[cr]);
        rgb[1] = clamp(y + ((CB_G[cb] + CR_G[cr]) >> SCALEBITS));
        rgb[2] = clamp(y + CB_B[cb]);
    }

    /** PIL's cmyk2rgb: channel = 255 - k - c·(255 - k)/255, with PIL's rounding MULDIV255. */
    private static void cmyk(int c, int m, int yellow, int k, int[] rgb) {
        int nk = 255 - k;
        rgb[0] = clamp(nk - mulDiv255(c, nk));
        rgb[1] = clamp(nk - mulDiv255(m, nk));
        rgb[2] = clamp(nk - mulDiv255(yellow, nk));
    }

    private static int mulDiv255(int a, int b) {
        int tmp = a * b + 128;
        return ((tmp >> 8) + tmp) >> 8;
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
