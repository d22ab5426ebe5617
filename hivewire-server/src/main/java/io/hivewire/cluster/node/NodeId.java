package io.hivewire.cluster.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The name a node holds leases under, names its Kafka producer after and shows on {@code /health}:
 * 1 to 64 of [A-Za-z0-9._-], starting with a letter or digit.
 */
public record NodeId(String value) {

  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** The file under the data dir that keeps the random part of a node's default id. */
  static final String FILE = "node-id";

  public NodeId {
    Objects.requireNonNull(value, "value is null");
    if (!ALLOWED.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "node id '"
              + value
              + "' is not 1 to 64 letters, digits, dots, dashes or underscores starting with a"
              + " letter or digit: set another cluster.node-id");
    }
  }

  /**
   * The default id: the host name and a random suffix kept in the data dir, so the node keeps its
   * id across restarts and two nodes on one host (two data dirs) still differ.
   */
  public static NodeId forDataDir(String hostName, Path dataDir, RandomGenerator random) {
    String host = hostName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-");
    host = host.replaceAll("^[-.]+|[-.]+$", "");
    if (host.isEmpty()) {
      host = "node";
    }
    if (host.length() > 56) {
      host = host.substring(0, 56);
    }
    return new NodeId(host + "-" + suffix(dataDir, random));
  }

  private static String suffix(Path dataDir, RandomGenerator random) {
    Path file = dataDir.resolve(FILE);
    try {
      if (Files.exists(file)) {
        String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (kept.matches("[0-9a-f]{6}")) {
          return kept;
        }
      }
      byte[] bytes = new byte[3];
      random.nextBytes(bytes);
      String made = HexFormat.of().formatHex(bytes);
      Files.createDirectories(dataDir);
      Files.writeString(file, made + "\n", StandardCharsets.UTF_8);
      return made;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot keep the node id in " + file + ": set cluster.node-id instead", e);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
