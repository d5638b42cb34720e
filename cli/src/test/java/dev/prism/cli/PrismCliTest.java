package dev.prism.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI as users call it: outputs, exit codes and error messages. */
class PrismCliTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cli = PrismCli.commandLine();
            cli.setErr(new PrintWriter(err));
            int exit = cli.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(original);
        }
    }

    private static Path shared(String relative) {
        Path root = Path.of(System.getProperty("prism.project.root", "")).toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("cli/pom.xml"))) {
            root = root.getParent();
        }
        assumeTrue(root != null, "project root not found");
        Path path = root.resolve("../shared/data").resolve(relative).normalize();
        assumeTrue(Files.exists(path), "reference data not present: " + path);
        return path;
    }

    @Test
    void tokenizePrintsTheReferenceIdsForEveryLine() throws Exception {
        Path jsonl = shared("clip/clip_tokens_dev.jsonl");
        Run run = run("tokenize", "--tokenizer", shared("clip/bpe_simple_vocab_16e6.txt.gz").toString(), "--jsonl", jsonl.toString());
        assertThat(run.exit()).isZero();
        List<String> expected = Files.readAllLines(jsonl);
        String[] actual = run.out().split("\n");
        assertThat(actual).hasSameSizeAs(expected.toArray());
        for (int i = 0; i < actual.length; i++) {
            JsonNode want = Json.MAPPER.readTree(expected.get(i));
            JsonNode got = Json.MAPPER.readTree(actual[i]);
            assertThat(got.get("text")).isEqualTo(want.get("text"));
            assertThat(got.get("ids")).as(want.get("text").asText()).isEqualTo(want.get("ids"));
        }
    }

    @Test
    void preprocessWritesTheReferencePixels() throws Exception {
        Path out = dir.resolve("rocket.png");
        Run run = run("preprocess", "--image", shared("clip/preprocess/input/rocket_exif6.jpg").toString(), "--out", out.toString());
        assertThat(run.exit()).isZero();
        BufferedImage actual = ImageIO.read(out.toFile());
        BufferedImage expected = ImageIO.read(shared("clip/preprocess/expected/rocket_exif6.png").toFile());
        assertThat(actual.getWidth()).isEqualTo(224);
        for (int y = 0; y < 224; y++) {
            for (int x = 0; x < 224; x++) {
                assertThat(actual.getRGB(x, y)).isEqualTo(expected.getRGB(x, y));
            }
        }
    }

    @Test
    void encodePrintsModelDimAndUnitVector() throws Exception {
        Run run = run("encode", "--text", "a steaming cup of tea");
        assertThat(run.exit()).isZero();
        JsonNode json = Json.MAPPER.readTree(run.out());
        assertThat(json.get("model").asText()).isEqualTo("all-minilm-l6-v2@1");
        assertThat(json.get("dim").asInt()).isEqualTo(384);
        double norm = 0;
        for (JsonNode v : json.get("vector")) {
            norm += v.asDouble() * v.asDouble();
        }
        assertThat(Math.sqrt(norm)).isBetween(0.9999, 1.0001);
    }

    @Test
    void classifyRanksTheRightLabelFirst() throws Exception {
        Run run = run("classify", "--text", "It will rain all day tomorrow", "--labels", "weather,sports,finance",
                "--template", "This text is about {}.");
        assertThat(run.exit()).isZero();
        JsonNode labels = Json.MAPPER.readTree(run.out()).get("labels");
        assertThat(labels.get(0).get("label").asText()).isEqualTo("weather");
        assertThat(labels).hasSize(3);
    }

    @Test
    void errorsNameTheBadValue() {
        Run badMode = run("classify", "--text", "x", "--labels", "a,b", "--mode", "both");
        assertThat(badMode.exit()).isEqualTo(1);
        assertThat(badMode.err()).isEqualTo("prism classify: mode must be 'single' or 'multi', got 'both'\n");

        Run noInput = run("encode");
        assertThat(noInput.exit()).isEqualTo(2);
        assertThat(noInput.err()).startsWith("Error: Missing required argument (specify one of these): (--text=TEXT | --image=FILE)");

        Run imageOnTextModel = run("encode", "--image", "/nonexistent.png");
        assertThat(imageOnTextModel.exit()).isEqualTo(1);

        Run badDevice = run("encode", "--text", "x", "--device", "tpu:0");
        assertThat(badDevice.exit()).isEqualTo(1);
        assertThat(badDevice.err()).isEqualTo("prism encode: device must be 'cpu' or 'cuda:N', got 'tpu:0'\n");
    }

    @Test
    void cudaRequestFallsBackToCpuWithoutTheGpuBuild() throws Exception {
        Run run = run("encode", "--text", "x", "--device", "cuda:0");
        assertThat(run.exit()).isZero();
        Run strict = run("encode", "--text", "x", "--device", "cuda:0", "--require-device");
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(strict.err()).startsWith("prism encode: device cuda:0 requested for built-in model all-minilm-l6-v2@1 text model "
                + "'all-minilm-l6-v2.onnx' but this ONNX Runtime build has no CUDA provider (build with -Pgpu to use onnxruntime_gpu)");
    }
}
