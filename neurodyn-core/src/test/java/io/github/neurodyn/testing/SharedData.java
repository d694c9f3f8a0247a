package io.github.neurodyn.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the reference cases and recordings that live outside the repository.
 *
 * <p>Surefire passes their folder as the system property {@code neurodyn.shared}. A test
 * that needs it is skipped, with a message naming the folder, only when the folder does not
 * exist; when the folder exists but the requested file is missing the test fails, because
 * then the data set is broken rather than absent.
 */
public final class SharedData {

    /** System property that holds the folder with the shared data. */
    public static final String PROPERTY = "neurodyn.shared";

    private SharedData() {
    }

    /**
     * Returns the shared-data folder, skipping the calling test when it is not configured or
     * does not exist.
     *
     * @return the folder
     */
    public static Path root() {
        String configured = System.getProperty(PROPERTY);
        assumeTrue(configured != null && !configured.isBlank(),
                "skipped: system property " + PROPERTY + " is not set, so the shared reference data is unavailable");
        Path root = Path.of(configured).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(root), "skipped: shared data folder " + root + " does not exist");
        return root;
    }

    /**
     * Resolves a file or folder under the shared-data folder, skipping the test when the
     * folder is absent and failing it when the folder exists but the entry is missing.
     *
     * @param relative path relative to the shared-data folder, for example
     *     {@code "reference/cases"}
     * @return the existing path
     */
    public static Path require(String relative) {
        Path path = root().resolve(relative);
        assertTrue(Files.exists(path), "shared data folder exists but " + path + " is missing");
        return path;
    }
}
