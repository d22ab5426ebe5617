package io.hivewire.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole, validated configuration of a hivewire server; {@code dataDir} is absolute and
 * normalised, so every part that receives it sees the same directory.
 */
public record HivewireConfig(
    HttpConfig http,
    Path dataDir,
    DatabaseConfig database,
    Optional<Secret> apiKey,
    LocalS3Config localS3,
    SourceCredentialsConfig source,
    CollectConfig collect,
    WorkConfig work,
    ClusterConfig cluster,
    LogFormat logFormat) {

  public HivewireConfig {
    Objects.requireNonNull(http, "http is null");
    Objects.requireNonNull(dataDir, "dataDir is null");
    if (!dataDir.isAbsolute() || !dataDir.equals(dataDir.normalize())) {
      throw new IllegalArgumentException(
          "dataDir must be an absolute, normalised path, not " + dataDir);
    }
    Objects.requireNonNull(database, "database is null");
    Objects.requireNonNull(apiKey, "apiKey is null");
    Objects.requireNonNull(localS3, "localS3 is null");
    Objects.requireNonNull(source, "source is null");
    Objects.requireNonNull(collect, "collect is null");
    Objects.requireNonNull(work, "work is null");
    Objects.requireNonNull(cluster, "cluster is null");
    Objects.requireNonNull(logFormat, "logFormat is null");
  }
}
