package io.hivewire.routing;

import io.hivewire.s3.Encryption;
import io.hivewire.s3.S3Location;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One routing destination: its name (the log consumer id), the bucket and prefix written to, the
 * worker id in file names, when files roll, the gzip level and how many threads compress,
 * server-side encryption, and the local directory for its spill files and cut journal.
 */
public record RoutingSettings(
    String name,
    S3Location location,
    WorkerId worker,
    RotationPolicy rotation,
    int gzipLevel,
    int gzipThreads,
    Encryption encryption,
    Path stateDir) {

  /**
   * Level 6, zlib's own default: with compression spread over all cores, the routing benchmark on 2
   * cores moves 60–65 MB/s of ~800-byte JSON events end to end at level 6 (73–77% of gzip alone)
   * against 88–104 MB/s at level 1, for files a fifth smaller (ratio 5.1x against 4.2x), which
   * every later read and byte stored pays for; a collector rarely needs more than a fraction of
   * either rate.
   */
  public static final int DEFAULT_GZIP_LEVEL = 6;

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  public RoutingSettings {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(location, "location is null");
    Objects.requireNonNull(worker, "worker is null");
    Objects.requireNonNull(rotation, "rotation is null");
    Objects.requireNonNull(encryption, "encryption is null");
    Objects.requireNonNull(stateDir, "stateDir is null");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "destination name '" + name + "' is not valid: use lower-case letters, digits, - and _");
    }
    BlockGzip.checkLevel(gzipLevel);
    BlockGzip.checkThreads(gzipThreads);
    new ObjectNamer(location.key(), worker);
  }

  /**
   * A destination with the default rotation and gzip level, compressing on as many threads as there
   * are cores, and no encryption header.
   */
  public static RoutingSettings of(
      String name, S3Location location, WorkerId worker, Path stateDir) {
    return new RoutingSettings(
        name,
        location,
        worker,
        RotationPolicy.defaults(),
        DEFAULT_GZIP_LEVEL,
        Runtime.getRuntime().availableProcessors(),
        Encryption.none(),
        stateDir);
  }

  public RoutingSettings withRotation(RotationPolicy value) {
    return new RoutingSettings(
        name, location, worker, value, gzipLevel, gzipThreads, encryption, stateDir);
  }

  public RoutingSettings withGzipLevel(int value) {
    return new RoutingSettings(
        name, location, worker, rotation, value, gzipThreads, encryption, stateDir);
  }

  public RoutingSettings withGzipThreads(int value) {
    return new RoutingSettings(
        name, location, worker, rotation, gzipLevel, value, encryption, stateDir);
  }

  public RoutingSettings withEncryption(Encryption value) {
    return new RoutingSettings(
        name, location, worker, rotation, gzipLevel, gzipThreads, value, stateDir);
  }

  /** Names the objects this destination writes. */
  public ObjectNamer namer() {
    return new ObjectNamer(location.key(), worker);
  }
}
