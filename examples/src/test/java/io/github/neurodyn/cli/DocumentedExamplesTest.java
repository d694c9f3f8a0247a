package io.github.neurodyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import io.github.neurodyn.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compiles and runs the Java examples of README.md and of every page under docs/ against the
 * current build, so the documentation cannot drift from the API. A page's code block that
 * declares a public class is a complete program and runs as one. A block without a class
 * continues the page's first program and is compiled at the end of its main method. A program
 * that reads {@code args[0]} gets the path of the shared trial-averaged recording.
 */
class DocumentedExamplesTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private static final String RECORDING = "data/churchland2012_tme_subset/rates.csv";
    private static final Pattern PUBLIC_CLASS = Pattern.compile("public (?:final )?class (\\w+)");

    private static String firstJavaBlock(Path markdown) throws IOException {
        List<String> blocks = javaBlocks(markdown);
        assertFalse(blocks.isEmpty(), markdown + " has a java code block");
        return blocks.get(0);
    }

    private static List<String> javaBlocks(Path markdown) throws IOException {
        Matcher matcher = JAVA_BLOCK.matcher(Files.readString(markdown));
        List<String> blocks = new ArrayList<>();
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }

    static Stream<Arguments> documentedPrograms() throws IOException {
        List<Arguments> programs = new ArrayList<>();
        try (Stream<Path> pages = Files.list(PROJECT.resolve("docs"))) {
            for (Path page : pages.filter(path -> path.toString().endsWith(".md")).sorted().toList()) {
                List<String> blocks = javaBlocks(page);
                if (blocks.isEmpty()) {
                    continue;
                }
                String program = blocks.get(0);
                for (String fragment : blocks.subList(1, blocks.size())) {
                    if (!PUBLIC_CLASS.matcher(fragment).find()) {
                        program = appendToMain(program, fragment);
                    }
                }
                programs.add(Arguments.of(page.getFileName().toString(), program));
                for (String block : blocks.subList(1, blocks.size())) {
                    if (PUBLIC_CLASS.matcher(block).find()) {
                        programs.add(Arguments.of(page.getFileName().toString(), block));
                    }
                }
            }
        }
        return programs.stream();
    }

    /** Inserts {@code fragment} before the closing braces of the program's main method and class. */
    private static String appendToMain(String program, String fragment) {
        int classEnd = program.lastIndexOf('}');
        int mainEnd = program.lastIndexOf('}', classEnd - 1);
        return program.substring(0, mainEnd) + "\n        {\n" + fragment + "\n        }\n"
                + program.substring(mainEnd);
    }

    private String compileAndRun(String className, String source) throws Exception {
        return compileAndRun(className, source, new String[0]);
    }

    private String compileAndRun(String className, String source, String[] args) throws Exception {
        Path file = dir.resolve(className + ".java");
        Files.writeString(file, source);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertNotNull(compiler, "the tests run on a JDK with a Java compiler");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = compiler.run(null, diagnostics, diagnostics, "-classpath", classPath, "-d", dir.toString(),
                file.toString());
        assertEquals(0, status, "compiler output:\n" + diagnostics.toString(StandardCharsets.UTF_8));

        List<URL> urls = new ArrayList<>();
        urls.add(dir.toUri().toURL());
        for (String entry : classPath.split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), null)) {
            Method main = loader.loadClass(className).getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) args);
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedPrograms")
    void documentedProgramCompilesAndRuns(String page, String source) throws Exception {
        Matcher name = PUBLIC_CLASS.matcher(source);
        assertTrue(name.find(), page + ": the first java block declares a public class");
        String[] args = source.contains("args[0]")
                ? new String[] {SharedData.require(RECORDING).toString()}
                : new String[0];
        String output = compileAndRun(name.group(1), source, args);
        assertFalse(output.isBlank(), page + ": the program prints its result");
    }

    @Test
    void gettingStartedProgramRuns() throws Exception {
        String source = firstJavaBlock(PROJECT.resolve("docs/getting-started.md"));
        String output = compileAndRun("FirstProgram", source);
        assertTrue(output.startsWith("alpha(W) = "), "program output: " + output);
    }

    @Test
    void readmeSnippetRuns() throws Exception {
        String program = firstJavaBlock(PROJECT.resolve("docs/getting-started.md"));
        String imports = program.lines().filter(line -> line.startsWith("import "))
                .collect(Collectors.joining("\n"));
        String snippet = firstJavaBlock(PROJECT.resolve("README.md"));
        String source = imports + "\n\npublic class ReadmeExample {\n    public static void main(String[] args) {\n"
                + snippet + "\n    }\n}\n";
        String output = compileAndRun("ReadmeExample", source);
        assertTrue(output.startsWith("alpha(W) = "), "snippet output: " + output);
    }
}
