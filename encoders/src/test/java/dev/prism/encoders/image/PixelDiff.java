package dev.prism.encoders.image;

/** Mean and max absolute difference of two same-sized RGB images, in 8-bit levels. */
record PixelDiff(double mean, int max) {
    static PixelDiff between(RgbImage expected, RgbImage actual) {
        if (expected.width() != actual.width() || expected.height() != actual.height()) {
            throw new AssertionError("size differs: expected " + expected.width() + "x" + expected.height()
                    + ", got " + actual.width() + "x" + actual.height());
        }
        long sum = 0;
        int max = 0;
        byte[] a = expected.rgb();
        byte[] b = actual.rgb();
        for (int i = 0; i < a.length; i++) {
            int d = Math.abs((a[i] & 0xff) - (b[i] & 0xff));
            sum += d;
            max = Math.max(max, d);
        }
        return new PixelDiff((double) sum / a.length, max);
    }
}
