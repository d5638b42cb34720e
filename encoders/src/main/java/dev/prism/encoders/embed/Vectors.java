package dev.prism.encoders.embed;

/** Pure functions on embeddings: pooling of token states, L2 normalisation, dot product. */
public final class Vectors {
    private Vectors() {}

    /** Mean of the token states whose mask is 1; hidden is [batch, seq, dim] flattened. */
    public static float[] meanPool(float[] hidden, int row, int seq, int dim, long[] mask) {
        float[] out = new float[dim];
        int base = row * seq * dim;
        double count = 0;
        double[] sum = new double[dim];
        for (int t = 0; t < seq; t++) {
            if (mask[t] == 0) {
                continue;
            }
            count++;
            int offset = base + t * dim;
            for (int d = 0; d < dim; d++) {
                sum[d] += hidden[offset + d];
            }
        }
        double denominator = Math.max(count, 1e-9);
        for (int d = 0; d < dim; d++) {
            out[d] = (float) (sum[d] / denominator);
        }
        return out;
    }

    /** The first token's state ([CLS]). */
    public static float[] clsPool(float[] hidden, int row, int seq, int dim) {
        float[] out = new float[dim];
        System.arraycopy(hidden, row * seq * dim, out, 0, dim);
        return out;
    }

    /** Scales to unit length in place (a zero vector stays zero) and returns it. */
    public static float[] normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        double norm = Math.sqrt(sum);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] / norm);
            }
        }
        return v;
    }

    public static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("dimensions differ: " + a.length + " vs " + b.length);
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    public static double cosine(float[] a, float[] b) {
        double dot = dot(a, b);
        double na = Math.sqrt(dot(a, a));
        double nb = Math.sqrt(dot(b, b));
        return na == 0 || nb == 0 ? 0 : dot / (na * nb);
    }
}
