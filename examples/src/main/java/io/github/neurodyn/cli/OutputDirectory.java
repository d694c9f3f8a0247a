package io.github.neurodyn.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The folder a subcommand writes its results into.
 *
 * <p>Every file is first written under a hidden temporary name in the same folder and then
 * moved into place, so a failed write leaves either the complete file or none: never a
 * truncated CSV or PNG that another tool could mistake for a result.
 *
 * <p>A folder made by {@link #create} moves each file into place as soon as it is written. A
 * folder made by {@link #staged} keeps every file under its temporary name until
 * {@link #commit}, so a run that fails after writing some results can {@link #discard} them
 * and leave the folder as it found it: files of an earlier run stay, and no result of the
 * failed run appears. {@link #commit}, {@link #discard} and {@link #abandon} may be called
 * from another thread, such as a shutdown hook.
 */
public final class OutputDirectory {

    /** Writes the content of one file to an open writer. */
    @FunctionalInterface
    public interface TextContent {
        /**
         * Writes the file's text.
         *
         * @param out destination
         * @throws IOException when writing fails
         */
        void writeTo(Writer out) throws IOException;
    }

    /** Writes the content of one file to a path. */
    @FunctionalInterface
    public interface FileContent {
        /**
         * Writes the whole file.
         *
         * @param target path of the temporary file to fill
         * @throws IOException when writing fails
         */
        void writeTo(Path target) throws IOException;
    }

    private final Path root;
    private final boolean staging;
    private final List<Path> written = new ArrayList<>();
    /** Temporary files waiting for {@link #commit}, by final name, in the order written. */
    private final Map<String, Path> pending = new LinkedHashMap<>();
    /** Whether {@link #abandon} was called, after which written files are deleted instead of staged. */
    private boolean abandoned;

    private OutputDirectory(Path root, boolean staging) {
        this.root = root;
        this.staging = staging;
    }

    /**
     * Creates the folder (and its parents) if needed and checks that it is writable.
     *
     * @param folder the output folder
     * @return the output directory
     * @throws IllegalArgumentException when the folder cannot be created or written
     */
    public static OutputDirectory create(Path folder) {
        return new OutputDirectory(createWritableFolder(folder), false);
    }

    /**
     * Creates the folder like {@link #create}, but keeps each written file under its temporary
     * name until {@link #commit} moves them all into place.
     *
     * @param folder the output folder
     * @return the output directory
     * @throws IllegalArgumentException when the folder cannot be created or written
     */
    public static OutputDirectory staged(Path folder) {
        return new OutputDirectory(createWritableFolder(folder), true);
    }

    private static Path createWritableFolder(Path folder) {
        if (folder.toString().isEmpty()) {
            throw new IllegalArgumentException("--out is empty, expected a folder path");
        }
        Path root = folder.toAbsolutePath().normalize();
        if (Files.isRegularFile(root)) {
            throw new IllegalArgumentException("--out " + root + " is a file, expected a folder");
        }
        try {
            Files.createDirectories(root);
        } catch (IOException ex) {
            throw new IllegalArgumentException("cannot create output folder " + root + ": " + reason(ex), ex);
        }
        if (!Files.isWritable(root)) {
            throw new IllegalArgumentException("output folder " + root + " is not writable");
        }
        return root;
    }

    /** @return the absolute folder path */
    public Path root() {
        return root;
    }

    /** @return the files moved into place so far, in order; staged files appear after {@link #commit} */
    public List<Path> written() {
        return Collections.unmodifiableList(written);
    }

    /**
     * Writes a UTF-8 text file atomically.
     *
     * @param fileName name inside the folder
     * @param content producer of the text
     * @return the final path
     */
    public Path writeText(String fileName, TextContent content) {
        return write(fileName, tmp -> {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                content.writeTo(out);
            }
        });
    }

    /**
     * Writes a file atomically: the content goes to a temporary file in the same folder,
     * which is then moved to its final name, at once or, in a {@link #staged} folder, by
     * {@link #commit}. Writing a staged name again replaces the earlier staged content.
     *
     * @param fileName name inside the folder
     * @param content producer of the bytes
     * @return the final path; in a staged folder the file appears there only after {@link #commit}
     * @throws UncheckedIOException when writing or moving fails
     */
    public Path write(String fileName, FileContent content) {
        Path target = root.resolve(fileName);
        Path tmp = null;
        try {
            // A hidden name that the content writer creates itself, so the final file gets the
            // process's default permissions rather than the owner-only mode of createTempFile.
            tmp = root.resolve("." + fileName + "." + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".tmp");
            content.writeTo(tmp);
            if (staging) {
                stage(fileName, tmp);
            } else {
                moveIntoPlace(tmp, target);
            }
            return target;
        } catch (IOException ex) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write " + target + ": " + reason(ex), ex);
        } catch (RuntimeException ex) {
            deleteQuietly(tmp);
            throw ex;
        }
    }

    /**
     * Moves every staged file to its final name, replacing files of the same name, in the order
     * they were written. Does nothing for a folder made by {@link #create}.
     *
     * @throws UncheckedIOException when a move fails; the files not yet moved are deleted
     */
    public synchronized void commit() {
        Iterator<Map.Entry<String, Path>> entries = pending.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, Path> entry = entries.next();
            Path target = root.resolve(entry.getKey());
            try {
                moveIntoPlace(entry.getValue(), target);
            } catch (IOException ex) {
                discard();
                throw new UncheckedIOException("failed to move " + target + " into place: " + reason(ex), ex);
            }
            entries.remove();
        }
    }

    /**
     * Deletes every staged file that {@link #commit} has not moved into place, so a failed run
     * leaves none of its results. Files already in place, including those of earlier runs, are
     * kept.
     */
    public synchronized void discard() {
        for (Path tmp : pending.values()) {
            deleteQuietly(tmp);
        }
        pending.clear();
    }

    private synchronized void stage(String fileName, Path tmp) {
        if (abandoned) {
            deleteQuietly(tmp);
            return;
        }
        deleteQuietly(pending.put(fileName, tmp));
    }

    /**
     * Discards every staged file and deletes each file written later at once. A shutdown hook calls
     * this for a run that the JVM is ending, because the run's thread may still write files while
     * the hooks run.
     */
    public synchronized void abandon() {
        abandoned = true;
        discard();
    }

    private void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException ex) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        written.add(target);
    }

    /**
     * Describes an I/O failure by the operating system's reason or, when there is none, by its
     * exception class in words ("AccessDeniedException" becomes "access denied"). The path is
     * left out so that no temporary file name reaches the user.
     */
    static String reason(IOException ex) {
        if (ex instanceof java.nio.file.FileSystemException fileSystemError && fileSystemError.getReason() != null) {
            return fileSystemError.getReason();
        }
        if (!(ex instanceof java.nio.file.FileSystemException) && ex.getMessage() != null) {
            return ex.getMessage();
        }
        String kind = ex.getClass().getSimpleName().replaceFirst("Exception$", "");
        return kind.replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Deletes result files that an earlier run left in the folder, so that a failed run does
     * not leave them beside its own summary, where they would pass for its results.
     *
     * @param fileNames names inside the folder; missing files are skipped
     * @throws UncheckedIOException when a file exists but cannot be deleted
     */
    public void deleteStale(List<String> fileNames) {
        for (String fileName : fileNames) {
            Path file = root.resolve(fileName);
            try {
                Files.deleteIfExists(file);
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot delete stale result " + file + ": " + ex.getMessage(), ex);
            }
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // The temporary file has a hidden name; a leftover does not look like a result.
        }
    }
}
