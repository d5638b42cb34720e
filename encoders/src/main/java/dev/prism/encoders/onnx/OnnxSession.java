package dev.prism.encoders.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.prism.encoders.model.ModelLoadException;
import java.util.Arrays;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX Runtime session. {@code OrtSession.run} is thread-safe, so one session per model file is
 * shared by every caller in the JVM. On {@code cuda:N} the CUDA execution provider is used when the
 * {@code onnxruntime_gpu} jar is on the class path (Maven profile {@code gpu}) and CUDA starts; otherwise
 * the session falls back to CPU with one warning per JVM, or fails when {@code requireDevice} is set.
 */
public final class OnnxSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxSession.class);
    private static final AtomicBoolean WARNED_FALLBACK = new AtomicBoolean();

    private final String label;
    private final OrtSession session;
    private final Device device;

    private OnnxSession(String label, OrtSession session, Device device) {
        this.label = label;
        this.session = session;
        this.device = device;
    }

    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    public static OnnxSession open(String label, byte[] model, Device requested, boolean requireDevice, int intraOpThreads) {
        if (requested.cuda()) {
            String problem;
            if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
                problem = "this ONNX Runtime build has no CUDA provider (build with -Pgpu to use onnxruntime_gpu)";
            } else {
                try {
                    return new OnnxSession(label, create(model, requested, intraOpThreads), requested);
                } catch (OrtException | RuntimeException e) {
                    problem = "CUDA could not start: " + e.getMessage();
                }
            }
            if (requireDevice) {
                throw new ModelLoadException("device " + requested + " requested for " + label + " but " + problem);
            }
            if (WARNED_FALLBACK.compareAndSet(false, true)) {
                LOG.warn("device {} requested but {}; running on CPU", requested, problem);
            }
        }
        try {
            return new OnnxSession(label, create(model, Device.CPU, intraOpThreads), Device.CPU);
        } catch (OrtException e) {
            throw new ModelLoadException(label + " is not a loadable ONNX model: " + e.getMessage(), e);
        }
    }

    private static OrtSession create(byte[] model, Device device, int intraOpThreads) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // Sequential execution keeps results reproducible run to run.
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            if (device.cuda()) {
                options.addCUDA(device.index());
            }
            return environment().createSession(model, options);
        }
    }

    public String label() {
        return label;
    }

    public Device device() {
        return device;
    }

    public Map<String, NodeInfo> inputs() {
        try {
            return session.getInputInfo();
        } catch (OrtException e) {
            throw new ModelLoadException("cannot read the inputs of " + label + ": " + e.getMessage(), e);
        }
    }

    public Map<String, NodeInfo> outputs() {
        try {
            return session.getOutputInfo();
        } catch (OrtException e) {
            throw new ModelLoadException("cannot read the outputs of " + label + ": " + e.getMessage(), e);
        }
    }

    public OrtSession.Result run(Map<String, OnnxTensor> inputs) throws OrtException {
        return session.run(inputs);
    }

    /** "inputs: input_ids INT64[-1, -1]; outputs: text_embeds FLOAT[-1, 64]" — used in load errors. */
    public String describeIo() {
        return "inputs: " + describe(inputs()) + "; outputs: " + describe(outputs());
    }

    private static String describe(Map<String, NodeInfo> nodes) {
        StringJoiner joiner = new StringJoiner(", ");
        nodes.forEach((name, node) -> {
            if (node.getInfo() instanceof TensorInfo tensor) {
                joiner.add(name + " " + tensor.type + Arrays.toString(tensor.getShape()));
            } else {
                joiner.add(name + " " + node.getInfo());
            }
        });
        return joiner.toString();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("closing ONNX session {} failed: {}", label, e.getMessage());
        }
    }
}
