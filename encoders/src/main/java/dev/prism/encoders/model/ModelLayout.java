package dev.prism.encoders.model;

/** How a model folder was recognised. */
public enum ModelLayout {
    /** {@code prism-model.json} present: everything is declared. */
    PRISM_MANIFEST,
    /** Hugging Face Optimum CLIP export: text_model.onnx, vision_model.onnx, tokenizer.json, preprocessor_config.json, config.json. */
    OPTIMUM_CLIP,
    /** OpenCLIP / clip-as-service export: textual.onnx, visual.onnx. */
    OPEN_CLIP,
    /** sentence-transformers ONNX export: model.onnx (or onnx/model.onnx), tokenizer.json. */
    SENTENCE_TRANSFORMERS,
    /** Shipped inside a Maven artifact on the class path. */
    BUILT_IN
}
