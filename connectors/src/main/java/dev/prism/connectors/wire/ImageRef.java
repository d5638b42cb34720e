package dev.prism.connectors.wire;

import java.util.Arrays;
import java.util.Objects;

/** An image inside a document event: its bytes (wire: base64 {@code b64}) or a {@code uri} to fetch. */
public record ImageRef(byte[] bytes, String uri) {
    public ImageRef {
        if ((bytes == null) == (uri == null)) {
            throw new WireException("image needs exactly one of 'b64' and 'uri'");
        }
    }

    public static ImageRef ofBytes(byte[] bytes) {
        return new ImageRef(bytes, null);
    }

    public static ImageRef ofUri(String uri) {
        return new ImageRef(null, uri);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageRef other && Arrays.equals(bytes, other.bytes) && Objects.equals(uri, other.uri);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + Objects.hashCode(uri);
    }

    @Override
    public String toString() {
        return bytes != null ? "ImageRef[" + bytes.length + " bytes]" : "ImageRef[" + uri + "]";
    }
}
