package dev.prism.encoders.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.TensorInfo;
import dev.prism.encoders.model.ModelLoadException;
import dev.prism.encoders.onnx.OnnxSession;
import java.util.List;
import java.util.Map;

/** Load-time checks of a model's inputs and outputs; errors list what the model really has. */
final class OnnxIo {
    private OnnxIo() {}

    static TensorInfo tensor(OnnxSession session, Map<String, NodeInfo> nodes, String name) {
        NodeInfo node = nodes.get(name);
        if (node == null || !(node.getInfo() instanceof TensorInfo tensor)) {
            throw new ModelLoadException(session.label() + " has no tensor named '" + name + "'; " + session.describeIo());
        }
        return tensor;
    }

    /**
     * The output to read: the named one when given, else the first of {@code preferred} present with the
     * wanted rank, else the only output of that rank.
     */
    static String chooseOutput(OnnxSession session, String named, List<String> preferred, int rank) {
        Map<String, NodeInfo> outputs = session.outputs();
        if (named != null) {
            TensorInfo info = tensor(session, outputs, named);
            if (info.getShape().length != rank) {
                throw new ModelLoadException(session.label() + " output '" + named + "' has rank " + info.getShape().length
                        + ", Prism needs rank " + rank + " here; " + session.describeIo());
            }
            return named;
        }
        for (String name : preferred) {
            if (outputs.get(name) != null && outputs.get(name).getInfo() instanceof TensorInfo t && t.getShape().length == rank) {
                return name;
            }
        }
        String only = null;
        for (Map.Entry<String, NodeInfo> e : outputs.entrySet()) {
            if (e.getValue().getInfo() instanceof TensorInfo t && t.getShape().length == rank) {
                if (only != null) {
                    throw new ModelLoadException(session.label() + " has several rank-" + rank + " outputs; name one in "
                            + "the manifest (textOutput / imageOutput); " + session.describeIo());
                }
                only = e.getKey();
            }
        }
        if (only == null) {
            throw new ModelLoadException(session.label() + " has no rank-" + rank + " output; " + session.describeIo());
        }
        return only;
    }

    /** Checks the static last dimension of an output against the expected one (0 = unknown yet). */
    static void checkDimension(OnnxSession session, String output, int expected) {
        long[] shape = tensor(session, session.outputs(), output).getShape();
        long last = shape[shape.length - 1];
        if (expected > 0 && last > 0 && last != expected) {
            throw new ModelLoadException(session.label() + " output '" + output + "' has dimension " + last
                    + " but the manifest says " + expected + "; " + session.describeIo());
        }
    }
}
