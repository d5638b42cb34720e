package dev.prism.encoders.image;

/**
 * The colour transform of a JPEG, read from its markers as libjpeg decides it: an Adobe APP14 marker's
 * transform flag wins, then JFIF (always YCbCr), then component ids 'R','G','B'. Needed because Prism
 * reads raw JPEG samples (no colour management, as PIL) and converts them itself.
 */
record JpegColorInfo(int components, boolean adobe, int adobeTransform, boolean jfif, boolean rgbComponentIds) {

    enum Transform { GRAY, YCBCR, RGB, CMYK, YCCK }

    Transform transform() {
        return switch (components) {
            case 1 -> Transform.GRAY;
            case 3 -> {
                if (adobe) {
                    yield adobeTransform == 0 ? Transform.RGB : Transform.YCBCR;
                }
                yield jfif || !rgbComponentIds ? Transform.YCBCR : Transform.RGB;
            }
            case 4 -> adobe && adobeTransform == 2 ? Transform.YCCK : Transform.CMYK;
            default -> throw new ImageDecodeException("JPEG has " + components + " colour components; supported: 1, 3, 4");
        };
    }

    static JpegColorInfo parse(byte[] jpeg) {
        int components = -1;
        boolean adobe = false;
        int adobeTransform = -1;
        boolean jfif = false;
        boolean rgbIds = false;
        int i = 2; // after SOI
        while (i + 4 <= jpeg.length) {
            if ((jpeg[i] & 0xff) != 0xff) {
                i++;
                continue;
            }
            int marker = jpeg[i + 1] & 0xff;
            if (marker == 0xff) {
                i++;
                continue;
            }
            if (marker == 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01) {
                i += 2;
                continue;
            }
            if (marker == 0xda || marker == 0xd9) {
                break; // start of scan: all header markers seen
            }
            int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
            int body = i + 4;
            if (marker == 0xe0 && length >= 7 && body + 5 <= jpeg.length
                    && jpeg[body] == 'J' && jpeg[body + 1] == 'F' && jpeg[body + 2] == 'I' && jpeg[body + 3] == 'F') {
                jfif = true;
            } else if (marker == 0xee && length >= 12 && body + 12 <= jpeg.length
                    && jpeg[body] == 'A' && jpeg[body + 1] == 'd' && jpeg[body + 2] == 'o' && jpeg[body + 3] == 'b'
                    && jpeg[body + 4] == 'e') {
                adobe = true;
                adobeTransform = jpeg[body + 11] & 0xff;
            } else if (isStartOfFrame(marker) && body + 6 <= jpeg.length) {
                components = jpeg[body + 5] & 0xff;
                if (components == 3 && body + 6 + 9 <= jpeg.length) {
                    rgbIds = jpeg[body + 6] == 'R' && jpeg[body + 9] == 'G' && jpeg[body + 12] == 'B';
                }
            }
            i += 2 + length;
        }
        if (components < 0) {
            throw new ImageDecodeException("JPEG has no frame header (SOF marker): file is truncated or not a JPEG");
        }
        return new JpegColorInfo(components, adobe, adobeTransform, jfif, rgbIds);
    }

    /**
     * libjpeg pads a truncated scan with grey and only warns; PIL refuses such a file. Entropy-coded data
     * never holds 0xFFD9 (0xFF is stuffed as 0xFF00), so a complete file has its end-of-image marker after
     * the first start-of-scan marker.
     */
    static void checkComplete(byte[] jpeg) {
        int sos = -1;
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xda) {
                sos = i;
                break;
            }
        }
        if (sos < 0) {
            throw new ImageDecodeException("JPEG is truncated: no scan data (SOS marker) in " + jpeg.length + " bytes");
        }
        for (int i = jpeg.length - 2; i > sos; i--) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xd9) {
                return;
            }
        }
        throw new ImageDecodeException("JPEG is truncated: no end-of-image marker after the scan data (" + jpeg.length + " bytes)");
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    }
}
