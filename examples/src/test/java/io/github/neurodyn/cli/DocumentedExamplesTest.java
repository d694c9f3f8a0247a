package io.github.neurodyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the Java examples of README.md and docs/getting-started.md against the
 * current build, so the documentation cannot drift from the API.
 */
class DocumentedExamplesTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private static String firstJavaBlock(Path markdown) throws IOException {
        Matcher matcher = JAVA_BLOCK.matcher(Files.readString(markdown));
        assertTrue(matcher.find(), markdown + " has a java code block");
        return matcher.group(1);
    }

    private String compileAndRun(String className, String source) throws Exception {
        Path file = dir.resolve(className + ".java");
        Files.writeString(file, source);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertNotNull(compiler, "the tests run on a JDK with a Java compiler");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = compiler.run(null, diagnostics, diagnostics, "-classpath", classPath, "-d", dir.toString(),
                file.toString());
        assertEquals(0, status, "compiler output:\n" + diagnostics.toString(StandardCharsets.UTF_8));

        List<URL> urls = new java.util.ArrayList<>();
        urls.add(dir.toUri().toURL());
        for (String entry : classPath.split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), null)) {
            Method main = loader.loadClass(className).getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
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
