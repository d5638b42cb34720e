package dev.prism.encoders;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The reference data in ../shared/data (never copied into the project); tests skip when it is absent. */
public final class SharedData {
    private SharedData() {}

    public static Path projectRoot() {
        String root = System.getProperty("prism.project.root");
        Path path = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        // running from a module folder without the property: walk up to the parent POM
        while (path != null && !Files.exists(path.resolve("encoders").resolve("pom.xml"))) {
            path = path.getParent();
        }
        return path == null ? Path.of("").toAbsolutePath() : path;
    }

    public static Path require(String relative) {
        Path path = projectRoot().resolve("../shared/data").resolve(relative).normalize();
        assumeTrue(Files.exists(path), "reference data not present: " + path + " (see ../shared/data/README.md)");
        return path;
    }
}
