package dev.prism.flinkjobs;

import dev.prism.encoders.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Shared setup of the IngestJob ITs: one harness (Kafka + MiniCluster) per class, jobs cancelled after each test. */
abstract class PipelineITBase {
    @TempDir
    static Path dir;
    static PipelineHarness harness;
    /** The tiny CLIP fixture as a model folder (text and images, one space). */
    static String clipModel;

    @BeforeAll
    static void startHarness() throws Exception {
        harness = new PipelineHarness(dir);
        clipModel = TestModels.tinyClipFolder(Files.createDirectories(dir.resolve("tiny-clip"))).toString();
    }

    @AfterEach
    void cancelJobs() throws Exception {
        harness.cancelAll();
    }

    @AfterAll
    static void stopHarness() throws Exception {
        harness.close();
    }
}
