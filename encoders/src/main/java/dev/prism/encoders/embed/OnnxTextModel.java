package dev.prism.encoders.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.prism.encoders.model.ModelLoadException;
import dev.prism.encoders.model.ModelManifest;
import dev.prism.encoders.model.Pooling;
import dev.prism.encoders.onnx.OnnxSession;
import dev.prism.encoders.text.TokenizedText;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A text tower: pads a batch of tokenised texts to the longest (or to the model's fixed length), runs
 * the session, pools (mean / cls / the model's projection) and optionally L2-normalises.
 */
final class OnnxTextModel {
    private static final Set<String> KNOWN_INPUTS = Set.of("input_ids", "attention_mask", "token_type_ids");

    private final OnnxSession session;
    private final String idsInput;
    private final String maskInput;
    private final String typeInput;
    private final boolean int32;
    private final int fixedLength;
    private final String output;
    private final Pooling pooling;
    private final boolean normalize;

    OnnxTextModel(OnnxSession session, ModelManifest manifest) {
        this.session = session;
        Map<String, NodeInfo> inputs = session.inputs();
        if (inputs.containsKey("input_ids")) {
            idsInput = "input_ids";
            for (String name : inputs.keySet()) {
                if (!KNOWN_INPUTS.contains(name)) {
                    throw new ModelLoadException(session.label() + " has input '" + name + "' that Prism cannot feed (it feeds "
                            + KNOWN_INPUTS + "); " + session.describeIo());
                }
            }
        } else if (inputs.size() == 1) {
            idsInput = inputs.keySet().iterator().next(); // OpenCLIP exports: one input of token ids
        } else {
            throw new ModelLoadException(session.label() + " has no 'input_ids' input; " + session.describeIo());
        }
        maskInput = inputs.containsKey("attention_mask") ? "attention_mask" : null;
        typeInput = inputs.containsKey("token_type_ids") ? "token_type_ids" : null;
        TensorInfo ids = OnnxIo.tensor(session, inputs, idsInput);
        if (ids.type != OnnxJavaType.INT64 && ids.type != OnnxJavaType.INT32) {
            throw new ModelLoadException(session.label() + " input '" + idsInput + "' is " + ids.type
                    + ", token ids must be INT64 or INT32; " + session.describeIo());
        }
        if (ids.getShape().length != 2) {
            throw new ModelLoadException(session.label() + " input '" + idsInput + "' has rank " + ids.getShape().length
                    + ", expected [batch, tokens]; " + session.describeIo());
        }
        int32 = ids.type == OnnxJavaType.INT32;
        fixedLength = (int) Math.max(ids.getShape()[1], 0);
        pooling = manifest.pooling();
        output = pooling == Pooling.PROJECTION
                ? OnnxIo.chooseOutput(session, manifest.textOutput(), List.of("text_embeds", "sentence_embedding", "embeddings", "output"), 2)
                : OnnxIo.chooseOutput(session, manifest.textOutput(), List.of("last_hidden_state", "token_embeddings"), 3);
        OnnxIo.checkDimension(session, output, manifest.dimension());
        normalize = manifest.normalize();
    }

    OnnxSession session() {
        return session;
    }

    /** Pooled embeddings; unit length when the manifest says normalise. */
    float[][] embed(List<TokenizedText> batch) throws OrtException {
        float[][] pooled = pooled(batch);
        if (normalize) {
            for (float[] v : pooled) {
                Vectors.normalize(v);
            }
        }
        return pooled;
    }

    /** Pooled embeddings before normalisation (the model's raw output for projection models). */
    float[][] pooled(List<TokenizedText> batch) throws OrtException {
        int n = batch.size();
        int longest = 0;
        for (TokenizedText t : batch) {
            longest = Math.max(longest, t.length());
        }
        int seq = fixedLength > 0 ? fixedLength : longest;
        long[][] masks = new long[n][seq];
        long[] ids = new long[n * seq];
        long[] types = new long[n * seq];
        long[] mask = new long[n * seq];
        for (int r = 0; r < n; r++) {
            TokenizedText t = batch.get(r);
            int len = Math.min(t.length(), seq);
            for (int i = 0; i < len; i++) {
                ids[r * seq + i] = t.ids()[i];
                types[r * seq + i] = t.typeIds()[i];
                mask[r * seq + i] = 1;
                masks[r][i] = 1;
            }
        }
        long[] shape = {n, seq};
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            feed.put(idsInput, tensor(ids, shape));
            if (maskInput != null) {
                feed.put(maskInput, tensor(mask, shape));
            }
            if (typeInput != null) {
                feed.put(typeInput, tensor(types, shape));
            }
            try (OrtSession.Result result = session.run(feed)) {
                OnnxTensor out = (OnnxTensor) result.get(output).orElseThrow();
                long[] outShape = out.getInfo().getShape();
                FloatBuffer buffer = out.getFloatBuffer();
                float[] values = new float[buffer.remaining()];
                buffer.get(values);
                return pool(values, outShape, n, masks);
            }
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    private float[][] pool(float[] values, long[] shape, int n, long[][] masks) {
        float[][] out = new float[n][];
        if (shape.length == 2) {
            int dim = (int) shape[1];
            for (int r = 0; r < n; r++) {
                out[r] = new float[dim];
                System.arraycopy(values, r * dim, out[r], 0, dim);
            }
            return out;
        }
        int seq = (int) shape[1];
        int dim = (int) shape[2];
        for (int r = 0; r < n; r++) {
            out[r] = pooling == Pooling.CLS ? Vectors.clsPool(values, r, seq, dim) : Vectors.meanPool(values, r, seq, dim, masks[r]);
        }
        return out;
    }

    private OnnxTensor tensor(long[] values, long[] shape) throws OrtException {
        if (int32) {
            int[] ints = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                ints[i] = (int) values[i];
            }
            return OnnxTensor.createTensor(OnnxSession.environment(), IntBuffer.wrap(ints), shape);
        }
        return OnnxTensor.createTensor(OnnxSession.environment(), LongBuffer.wrap(values), shape);
    }
}
