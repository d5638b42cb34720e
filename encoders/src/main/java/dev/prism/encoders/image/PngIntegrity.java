package dev.prism.encoders.image;

import java.util.zip.CRC32;

/**
 * Walks a PNG's chunks and checks each CRC. Java's PNG reader skips CRCs, while PIL refuses a PNG whose
 * CRC is wrong; a bad CRC means a damaged file, so Prism refuses it too, naming the chunk.
 */
final class PngIntegrity {
    private PngIntegrity() {}

    static void check(byte[] png) {
        int offset = 8;
        boolean sawEnd = false;
        while (offset + 12 <= png.length) {
            long length = readInt(png, offset) & 0xffffffffL;
            if (length > png.length - offset - 12L) {
                throw new ImageDecodeException("PNG is truncated: chunk at offset " + offset + " declares " + length
                        + " bytes but only " + (png.length - offset - 12) + " remain");
            }
            String type = new String(png, offset + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            CRC32 crc = new CRC32();
            crc.update(png, offset + 4, 4 + (int) length);
            long stored = readInt(png, offset + 8 + (int) length) & 0xffffffffL;
            if (crc.getValue() != stored) {
                throw new ImageDecodeException(String.format("PNG chunk %s at offset %d has a bad CRC (stored 0x%08x, computed 0x%08x): file is damaged",
                        type, offset, stored, crc.getValue()));
            }
            offset += 12 + (int) length;
            if (type.equals("IEND")) {
                sawEnd = true;
                break;
            }
        }
        if (!sawEnd) {
            throw new ImageDecodeException("PNG is truncated: no IEND chunk after " + offset + " bytes");
        }
    }

    private static int readInt(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }
}
