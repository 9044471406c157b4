package org.mllabs.runtime.lab;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.mllabs.runtime.LocalFiles;

/**
 * Compiles a lab's source tree with the JDK's compiler, against the classes of the running JVM, so that the code that
 * runs is the code the learner just saved.
 *
 * <p>The output folder keeps a fingerprint of what it was compiled from: the sources (paths and contents), the class
 * path (each entry's path, size and modification time) and the Java version. {@link #upToDate} compares it, so a lab
 * run again without an edit skips the compiler, which costs seconds against a class path as large as Spark's.
 */
public final class LabCompiler {

    private static final String FINGERPRINT_FILE = ".mllabs-compiled-from";

    private LabCompiler() {
    }

    /** Whether the output folder holds the classes of exactly these trees, compiled against this JVM's class path. */
    public static boolean upToDate(List<Path> sourceTrees, Path output) {
        Path stamp = output.resolve(FINGERPRINT_FILE);
        try {
            return Files.isRegularFile(stamp) && Files.readString(stamp).equals(fingerprint(sources(sourceTrees)));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Compiles the {@code .java} files of the trees into the output folder, emptied first. A file in a later tree
     * replaces the file at the same relative path in an earlier one.
     *
     * @throws LabCompilationException listing the errors, when it does not compile
     */
    public static void compile(List<Path> sourceTrees, Path output) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("This Java runtime has no compiler: run the lab command with a JDK 17 or "
                    + "newer (java -version should say JDK, not JRE).");
        }
        Map<Path, Path> byRelativePath = sources(sourceTrees);
        List<Path> sources = List.copyOf(byRelativePath.values());
        if (sources.isEmpty()) {
            throw new IllegalStateException("No Java sources under " + sourceTrees);
        }
        recreate(output);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-proc:none", "-nowarn",
                    "-classpath", System.getProperty("java.class.path"), "-d", output.toString());
            boolean ok = compiler.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            if (!ok) {
                throw new LabCompilationException(sourceTrees.get(sourceTrees.size() - 1).toString(),
                        errors(diagnostics));
            }
            Files.writeString(output.resolve(FINGERPRINT_FILE), fingerprint(byRelativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<Path, Path> sources(List<Path> sourceTrees) {
        Map<Path, Path> byRelativePath = new TreeMap<>();
        for (Path tree : sourceTrees) {
            javaFiles(tree).forEach(file -> byRelativePath.put(tree.relativize(file), file));
        }
        return byRelativePath;
    }

    private static String fingerprint(Map<Path, Path> sources) throws IOException {
        MessageDigest digest = sha256();
        for (Map.Entry<Path, Path> source : sources.entrySet()) {
            digest.update(source.getKey().toString().getBytes(StandardCharsets.UTF_8));
            digest.update(Files.readAllBytes(source.getValue()));
        }
        digest.update(Runtime.version().toString().getBytes(StandardCharsets.UTF_8));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            String stat = Files.exists(path) ? Files.size(path) + "@" + Files.getLastModifiedTime(path) : "absent";
            digest.update((entry + "=" + stat + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static List<String> errors(DiagnosticCollector<JavaFileObject> diagnostics) {
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                String where = d.getSource() == null ? ""
                        : Path.of(d.getSource().toUri()) + ":" + d.getLineNumber() + ": ";
                errors.add("  " + where + d.getMessage(Locale.ROOT));
            }
        }
        return errors;
    }

    private static List<Path> javaFiles(Path tree) {
        if (!Files.isDirectory(tree)) {
            throw new IllegalStateException("No source tree " + tree);
        }
        try (Stream<Path> walk = Files.walk(tree)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + tree, e);
        }
    }

    private static void recreate(Path directory) {
        LocalFiles.deleteTree(directory);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + directory, e);
        }
    }
}
