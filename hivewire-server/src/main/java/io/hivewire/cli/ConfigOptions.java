package io.hivewire.cli;

import io.hivewire.app.LogEncoders;
import io.hivewire.config.ConfigKey;
import io.hivewire.config.ConfigLoader;
import io.hivewire.config.LoadedConfig;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options that start a server: a config file and the flags that override it. */
final class ConfigOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML configuration file (keys as in the README; HIVEWIRE_* variables win).")
  Path configFile;

  @Option(names = "--port", paramLabel = "P", description = "HTTP API port (http.port).")
  Integer port;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Directory for the embedded database and local S3 (data-dir).")
  Path dataDir;

  @Option(
      names = "--db-port",
      paramLabel = "P",
      description = "Port of the embedded PostgreSQL (db.embedded-port; 0 picks a free one).")
  Integer dbPort;

  @Option(
      names = "--local-s3-port",
      paramLabel = "P",
      description = "Port of the local S3 endpoint (local-s3.port; 0 picks a free one).")
  Integer localS3Port;

  @Option(
      names = "--roles",
      paramLabel = "ROLES",
      description =
          "What this node does, comma-separated: collect, route, work (cluster.roles; all by"
              + " default).")
  String roles;

  @Option(
      names = "--node-id",
      paramLabel = "ID",
      description = "This node's id in leases and on /health (cluster.node-id).")
  String nodeId;

  /**
   * Loads the configuration: file, then environment, then these flags and {@code forced}; the
   * console's log lines take its {@code logging.format} at once.
   */
  LoadedConfig load(Map<String, String> environment, Map<ConfigKey, String> forced) {
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    if (port != null) {
      flags.put(ConfigKey.HTTP_PORT, port.toString());
    }
    if (dataDir != null) {
      flags.put(ConfigKey.DATA_DIR, dataDir.toString());
    }
    if (dbPort != null) {
      flags.put(ConfigKey.DB_EMBEDDED_PORT, dbPort.toString());
    }
    if (localS3Port != null) {
      flags.put(ConfigKey.LOCAL_S3_PORT, localS3Port.toString());
    }
    if (roles != null) {
      flags.put(ConfigKey.CLUSTER_ROLES, roles);
    }
    if (nodeId != null) {
      flags.put(ConfigKey.CLUSTER_NODE_ID, nodeId);
    }
    flags.putAll(forced);
    LoadedConfig loaded =
        new ConfigLoader(Optional.ofNullable(configFile), environment, flags).load();
    LogEncoders.useOnConsole(loaded.config().logFormat());
    return loaded;
  }
}
