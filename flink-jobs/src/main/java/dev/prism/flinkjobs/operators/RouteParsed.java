package dev.prism.flinkjobs.operators;

import dev.prism.connectors.kafka.ParsedDocument;
import dev.prism.connectors.wire.DocumentEvent;
import dev.prism.connectors.wire.Modality;
import dev.prism.flinkjobs.pipeline.PipelineDoc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Stage 1: parsed records → pipeline documents; dead letters from parsing go to the DLQ side output.
 * Fixes each update's order key (explicit version, else the record timestamp) and hashes its content.
 */
public final class RouteParsed extends ProcessFunction<ParsedDocument, PipelineDoc> {
    private static final long serialVersionUID = 1L;

    private transient Counter textIn;
    private transient Counter imagesIn;
    private transient Counter deletesIn;
    private transient Counter parseDeadLetters;

    @Override
    public void open(OpenContext context) {
        var group = getRuntimeContext().getMetricGroup().addGroup("prism");
        textIn = group.counter("recordsInText");
        imagesIn = group.counter("recordsInImage");
        deletesIn = group.counter("recordsInDelete");
        parseDeadLetters = group.addGroup("dlq").counter("parse");
    }

    @Override
    public void processElement(ParsedDocument parsed, Context ctx, Collector<PipelineDoc> out) {
        if (!parsed.isValid()) {
            parseDeadLetters.inc();
            ctx.output(Outputs.DEAD_LETTERS, parsed.deadLetter());
            return;
        }
        DocumentEvent e = parsed.event();
        long version = e.version() != null ? e.version() : parsed.timestamp();
        if (e.isDelete()) {
            deletesIn.inc();
            out.collect(new PipelineDoc(e.id(), PipelineDoc.Action.DELETE, Modality.TEXT, null, null, null, null, version,
                    parsed.source(), parsed.timestamp(), null, null, null, null, null));
            return;
        }
        (e.modality() == Modality.IMAGE ? imagesIn : textIn).inc();
        byte[] image = e.image() == null ? null : e.image().bytes();
        String uri = e.image() == null ? null : e.image().uri();
        out.collect(new PipelineDoc(e.id(), PipelineDoc.Action.ENCODE, e.modality(), e.text(), image, uri, e.metadata(), version,
                parsed.source(), parsed.timestamp(), contentHash(e), null, null, null, null));
    }

    static String contentHash(DocumentEvent e) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            if (e.text() != null) {
                sha.update((byte) 'T');
                sha.update(e.text().getBytes(StandardCharsets.UTF_8));
            } else if (e.image().bytes() != null) {
                sha.update((byte) 'I');
                sha.update(e.image().bytes());
            } else {
                sha.update((byte) 'U');
                sha.update(e.image().uri().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
