package io.hivewire.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code hivewire} in a child JVM on the test class path, as a user starts it: its own working
 * directory, no {@code HIVEWIRE_*} variables, stdout and stderr in files. Closing stops it as
 * Ctrl+C does (so the embedded PostgreSQL shuts down), and kills it if that takes too long.
 */
public final class ChildProcess implements AutoCloseable {

  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private ChildProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Starts {@code hivewire args...} in {@code workingDir}, its output in {@code outputDir}. */
  static ChildProcess start(Path workingDir, Path outputDir, String name, String... args)
      throws IOException {
    return start(workingDir, outputDir, name, Map.of(), args);
  }

  /** The same, with {@code environment} added to the child's (which has no other HIVEWIRE_*). */
  static ChildProcess start(
      Path workingDir, Path outputDir, String name, Map<String, String> environment, String... args)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx512m",
                // as the jar's manifest does: JDK 22+ would print a warning on stderr otherwise
                "--enable-native-access=ALL-UNNAMED",
                // the command's own logging set-up, not a test one that the class path may hold
                "-Dlogback.configurationFile=logback.xml",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(args));
    return start(command, workingDir, outputDir, name, environment);
  }

  /**
   * Starts {@code hivewire args...} from the packaged jar, as the launcher does: only what the jar
   * and its {@code lib/} hold is on the class path, so a library the build leaves out fails here
   * although the test class path has it.
   */
  public static ChildProcess startPackaged(
      Path workingDir, Path outputDir, String name, Map<String, String> environment, String... args)
      throws IOException {
    Path jar = Path.of("target", "hivewire.jar").toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar + " does not exist: run this test through ./mvnw verify, which packages it first");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", jar.toString()));
    command.addAll(List.of(args));
    return start(command, workingDir, outputDir, name, environment);
  }

  private static ChildProcess start(
      List<String> command,
      Path workingDir,
      Path outputDir,
      String name,
      Map<String, String> environment)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
    builder.environment().keySet().removeIf(variable -> variable.startsWith("HIVEWIRE_"));
    builder.environment().putAll(environment);
    Path out = outputDir.resolve(name + ".stdout.txt");
    Path err = outputDir.resolve(name + ".stderr.txt");
    builder.redirectOutput(out.toFile());
    builder.redirectError(err.toFile());
    return new ChildProcess(builder.start(), out, err);
  }

  long pid() {
    return process.pid();
  }

  /** Asks the process to stop (SIGTERM), as Ctrl+C or a service manager does, without waiting. */
  public void stop() {
    process.destroy();
  }

  /** Kills the process at once (SIGKILL): nothing of it runs to clean up. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("still alive 30s after SIGKILL");
    }
  }

  /** The exit code, or fails if the process is still running after {@code timeout}. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("still running after " + timeout + ":\n" + output());
    }
    return process.exitValue();
  }

  /** Waits until stdout holds {@code text}; fails if the process exits or the time runs out. */
  public void awaitOutput(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!stdout().contains(text)) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "exited with " + process.exitValue() + " before printing '" + text + "':\n" + output());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no '" + text + "' after " + timeout + ":\n" + output());
      }
      Thread.sleep(200);
    }
  }

  String stdout() {
    return read(stdout);
  }

  public String stderr() {
    return read(stderr);
  }

  /** Both streams, for failure messages. */
  public String output() {
    return "--- stdout\n" + stdout() + "\n--- stderr\n" + stderr();
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
