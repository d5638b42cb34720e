package dev.prism.encoders.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.prism.encoders.model.ModelLoadException;
import dev.prism.encoders.model.ModelManifest;
import dev.prism.encoders.onnx.OnnxSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/** A vision tower: stacks CHW pixel tensors into [batch, 3, size, size], runs, optionally normalises. */
final class OnnxImageModel {
    private final OnnxSession session;
    private final String input;
    private final String output;
    private final int size;
    private final boolean normalize;

    OnnxImageModel(OnnxSession session, ModelManifest manifest) {
        this.session = session;
        Map<String, NodeInfo> inputs = session.inputs();
        if (inputs.containsKey("pixel_values")) {
            input = "pixel_values";
        } else if (inputs.size() == 1) {
            input = inputs.keySet().iterator().next();
        } else {
            throw new ModelLoadException(session.label() + " has no 'pixel_values' input; " + session.describeIo());
        }
        TensorInfo info = OnnxIo.tensor(session, inputs, input);
        long[] shape = info.getShape();
        size = manifest.image().size();
        if (info.type != OnnxJavaType.FLOAT || shape.length != 4) {
            throw new ModelLoadException(session.label() + " input '" + input + "' must be FLOAT [batch, 3, H, W]; "
                    + session.describeIo());
        }
        if ((shape[1] > 0 && shape[1] != 3) || (shape[2] > 0 && shape[2] != size) || (shape[3] > 0 && shape[3] != size)) {
            throw new ModelLoadException(session.label() + " input '" + input + "' expects " + java.util.Arrays.toString(shape)
                    + " but the manifest's image size is " + size + "; " + session.describeIo());
        }
        output = OnnxIo.chooseOutput(session, manifest.imageOutput(), List.of("image_embeds", "output", "embeddings"), 2);
        OnnxIo.checkDimension(session, output, manifest.dimension());
        normalize = manifest.normalize();
    }

    OnnxSession session() {
        return session;
    }

    float[][] embed(List<float[]> pixels) throws OrtException {
        float[][] raw = raw(pixels);
        if (normalize) {
            for (float[] v : raw) {
                Vectors.normalize(v);
            }
        }
        return raw;
    }

    float[][] raw(List<float[]> pixels) throws OrtException {
        int n = pixels.size();
        int plane = 3 * size * size;
        float[] stacked = new float[n * plane];
        for (int i = 0; i < n; i++) {
            float[] p = pixels.get(i);
            if (p.length != plane) {
                throw new IllegalArgumentException("pixel tensor has " + p.length + " values, expected " + plane);
            }
            System.arraycopy(p, 0, stacked, i * plane, plane);
        }
        try (OnnxTensor tensor = OnnxTensor.createTensor(OnnxSession.environment(), FloatBuffer.wrap(stacked),
                new long[] {n, 3, size, size});
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            OnnxTensor out = (OnnxTensor) result.get(output).orElseThrow();
            int dim = (int) out.getInfo().getShape()[1];
            FloatBuffer buffer = out.getFloatBuffer();
            float[][] vectors = new float[n][dim];
            for (float[] v : vectors) {
                buffer.get(v);
            }
            return vectors;
        }
    }
}
