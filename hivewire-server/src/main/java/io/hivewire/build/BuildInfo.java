package io.hivewire.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * The version and commit hivewire was built from, written into the jar by the build; "unknown"
 * where the build could not tell (a commit when built without {@code .git}).
 */
public record BuildInfo(String version, String commit) {

  static final String UNKNOWN = "unknown";

  public BuildInfo {
    Objects.requireNonNull(version, "version is null");
    Objects.requireNonNull(commit, "commit is null");
  }

  /** What the build wrote beside these classes. */
  public static BuildInfo current() {
    return new BuildInfo(
        read("version.properties", "version"), read("commit.properties", "git.commit.id.abbrev"));
  }

  /** {@code hivewire 0.1.0 (commit 1a2b3c4)}, as {@code hivewire --version} prints it. */
  public String describe() {
    return "hivewire " + version + " (commit " + commit + ")";
  }

  private static String read(String resource, String key) {
    try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
      if (in == null) {
        return UNKNOWN;
      }
      Properties properties = new Properties();
      properties.load(in);
      String value = properties.getProperty(key, "").strip();
      return value.isEmpty() || value.startsWith("${") ? UNKNOWN : value;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource + " of the jar", e);
    }
  }
}
