package dev.prism.encoders.onnx;

/** Where a model runs: {@code cpu} or {@code cuda:N} (ONNX Runtime's CUDA execution provider). */
public record Device(boolean cuda, int index) {
    public static final Device CPU = new Device(false, 0);

    public Device {
        if (index < 0) {
            throw new IllegalArgumentException("device index must be >= 0, got " + index);
        }
    }

    public static Device parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase();
        if (v.equals("cpu")) {
            return CPU;
        }
        if (v.equals("cuda") || v.equals("gpu")) {
            return new Device(true, 0);
        }
        if (v.startsWith("cuda:")) {
            try {
                return new Device(true, Integer.parseInt(v.substring(5)));
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("device must be 'cpu' or 'cuda:N', got '" + value + "'");
    }

    @Override
    public String toString() {
        return cuda ? "cuda:" + index : "cpu";
    }
}
