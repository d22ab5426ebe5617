package io.hivewire.config;

import io.hivewire.cluster.node.NodeId;
import io.hivewire.cluster.node.NodeRoles;
import io.hivewire.routing.log.wal.WalSettings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Turns raw values into the typed {@link HivewireConfig}, rejecting each bad value by name. */
final class ConfigBinder {

  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/[\\w+=,.@/-]+");

  private final Map<ConfigKey, ConfigValue> values;
  private final Map<String, ConfigValue> kafkaProperties;

  ConfigBinder(Map<ConfigKey, ConfigValue> values, Map<String, ConfigValue> kafkaProperties) {
    this.values = values;
    this.kafkaProperties = kafkaProperties;
  }

  HivewireConfig bind() {
    return new HivewireConfig(
        new HttpConfig(
            text(ConfigKey.HTTP_HOST),
            port(ConfigKey.HTTP_PORT),
            bool(ConfigKey.HTTP_TRUST_FORWARDED_HEADERS)),
        directory(ConfigKey.DATA_DIR),
        database(),
        secret(ConfigKey.API_KEY),
        new LocalS3Config(
            bool(ConfigKey.LOCAL_S3_ENABLED),
            port(ConfigKey.LOCAL_S3_PORT),
            text(ConfigKey.LOCAL_S3_ACCESS_KEY),
            secret(ConfigKey.LOCAL_S3_SECRET_KEY)
                .orElseThrow(() -> invalid(ConfigKey.LOCAL_S3_SECRET_KEY, "a non-empty secret"))),
        source(),
        new CollectConfig(
            secret(ConfigKey.MASTER_KEY),
            masterKeyFile(),
            positive(ConfigKey.COLLECT_MAX_BODY_BYTES, Integer.MAX_VALUE - 8),
            atLeastOneSecond(ConfigKey.COLLECT_SEGMENT_SNAPSHOT_INTERVAL),
            atLeast(ConfigKey.EVENT_LOG_MAX_BYTES, WalSettings.MIN_QUOTA_BYTES),
            eventLog()),
        new WorkConfig(
            positive(ConfigKey.DISCOVERY_PARALLELISM, 256),
            positive(ConfigKey.VALIDATION_WORKERS, 256),
            positive(ConfigKey.VALIDATION_QUEUE, 100_000),
            positive(ConfigKey.IMPORT_RUNS, 256),
            positive(ConfigKey.IMPORT_FILES_PER_RUN, 256)),
        cluster(),
        logFormat());
  }

  private Optional<Path> masterKeyFile() {
    if (optional(ConfigKey.MASTER_KEY_FILE).isEmpty()) {
      return Optional.empty();
    }
    if (optional(ConfigKey.MASTER_KEY).isPresent()) {
      throw new ConfigException(
          ConfigKey.MASTER_KEY.path()
              + " ("
              + values.get(ConfigKey.MASTER_KEY).origin()
              + ") and "
              + ConfigKey.MASTER_KEY_FILE.path()
              + " ("
              + values.get(ConfigKey.MASTER_KEY_FILE).origin()
              + ") are both set: keep one of them");
    }
    try {
      return Optional.of(Path.of(text(ConfigKey.MASTER_KEY_FILE)).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      throw invalid(ConfigKey.MASTER_KEY_FILE, "a file path");
    }
  }

  private EventLogConfig eventLog() {
    long maxBytes = atLeast(ConfigKey.EVENT_LOG_MAX_BYTES, WalSettings.MIN_QUOTA_BYTES);
    String kind = text(ConfigKey.EVENT_LOG_KIND);
    switch (kind) {
      case "local" -> {
        return new EventLogConfig(maxBytes, Optional.empty());
      }
      case "kafka" -> {
        String servers =
            optional(ConfigKey.EVENT_LOG_KAFKA_BOOTSTRAP_SERVERS)
                .orElseThrow(
                    () ->
                        new ConfigException(
                            ConfigKey.EVENT_LOG_KIND.path()
                                + " is kafka, so "
                                + ConfigKey.EVENT_LOG_KAFKA_BOOTSTRAP_SERVERS.path()
                                + " ("
                                + ConfigKey.EVENT_LOG_KAFKA_BOOTSTRAP_SERVERS.envName()
                                + ") is needed too: give host:port of your brokers"));
        Map<String, String> properties = new TreeMap<>();
        kafkaProperties.forEach((name, value) -> properties.put(name, value.value()));
        int replication = positive(ConfigKey.EVENT_LOG_KAFKA_REPLICATION_FACTOR, Short.MAX_VALUE);
        return new EventLogConfig(
            maxBytes,
            Optional.of(
                new EventLogConfig.Kafka(
                    servers,
                    text(ConfigKey.EVENT_LOG_KAFKA_TOPIC_PREFIX),
                    positive(ConfigKey.EVENT_LOG_KAFKA_PARTITIONS, 10_000),
                    (short) replication,
                    atLeastOneSecond(ConfigKey.EVENT_LOG_KAFKA_APPEND_TIMEOUT),
                    properties)));
      }
      default -> throw invalid(ConfigKey.EVENT_LOG_KIND, "local or kafka");
    }
  }

  private ClusterConfig cluster() {
    Optional<NodeId> nodeId;
    try {
      nodeId = optional(ConfigKey.CLUSTER_NODE_ID).map(NodeId::new);
    } catch (IllegalArgumentException e) {
      throw invalid(
          ConfigKey.CLUSTER_NODE_ID,
          "1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit");
    }
    NodeRoles roles;
    try {
      roles = NodeRoles.parse(text(ConfigKey.CLUSTER_ROLES));
    } catch (IllegalArgumentException e) {
      throw invalid(ConfigKey.CLUSTER_ROLES, "some of collect, route, work, comma-separated");
    }
    return new ClusterConfig(nodeId, roles, atLeastOneSecond(ConfigKey.CLUSTER_LEASE_TTL));
  }

  private LogFormat logFormat() {
    return LogFormat.parse(text(ConfigKey.LOGGING_FORMAT))
        .orElseThrow(() -> invalid(ConfigKey.LOGGING_FORMAT, LogFormat.CHOICES));
  }

  private DatabaseConfig database() {
    int poolSize = positive(ConfigKey.DB_POOL_SIZE, 1000);
    Optional<String> url = optional(ConfigKey.DB_URL);
    if (url.isEmpty()) {
      return new DatabaseConfig.Embedded(port(ConfigKey.DB_EMBEDDED_PORT), poolSize);
    }
    if (!url.get().startsWith("jdbc:postgresql://")) {
      throw invalid(
          ConfigKey.DB_URL, "a PostgreSQL JDBC URL such as jdbc:postgresql://host:5432/db");
    }
    String user =
        optional(ConfigKey.DB_USER)
            .orElseThrow(
                () ->
                    new ConfigException(
                        ConfigKey.DB_URL.envName()
                            + " is set, so "
                            + ConfigKey.DB_USER.envName()
                            + " (db.user) is needed too: enter the database user"));
    return new DatabaseConfig.External(url.get(), user, secret(ConfigKey.DB_PASSWORD), poolSize);
  }

  private SourceCredentialsConfig source() {
    Optional<String> roleArn = optional(ConfigKey.AWS_ROLE_ARN);
    roleArn.ifPresent(
        arn -> {
          if (!ROLE_ARN.matcher(arn).matches()) {
            throw invalid(
                ConfigKey.AWS_ROLE_ARN,
                "a role ARN such as arn:aws:iam::123456789012:role/hivewire");
          }
        });
    Optional<String> accountId = optional(ConfigKey.AWS_ACCOUNT_ID);
    accountId.ifPresent(
        id -> {
          if (!ACCOUNT_ID.matcher(id).matches()) {
            throw invalid(
                ConfigKey.AWS_ACCOUNT_ID, "a 12-digit AWS account id such as 123456789012");
          }
        });
    if (accountId.isEmpty() && roleArn.isPresent()) {
      var matcher = ROLE_ARN.matcher(roleArn.get());
      if (matcher.matches()) {
        accountId = Optional.of(matcher.group(1));
      }
    }
    Optional<String> assumeRole = optional(ConfigKey.AWS_ASSUME_ROLE_ARN);
    assumeRole.ifPresent(
        arn -> {
          if (!ROLE_ARN.matcher(arn).matches()) {
            throw invalid(
                ConfigKey.AWS_ASSUME_ROLE_ARN,
                "a role ARN such as arn:aws:iam::123456789012:role/reader");
          }
        });
    Optional<String> endpointAccessKey = optional(ConfigKey.SOURCE_ENDPOINT_ACCESS_KEY);
    Optional<Secret> endpointSecretKey = secret(ConfigKey.SOURCE_ENDPOINT_SECRET_KEY);
    if (endpointAccessKey.isPresent() != endpointSecretKey.isPresent()) {
      throw new ConfigException(
          "set both "
              + ConfigKey.SOURCE_ENDPOINT_ACCESS_KEY.envName()
              + " and "
              + ConfigKey.SOURCE_ENDPOINT_SECRET_KEY.envName()
              + ", or neither");
    }
    return new SourceCredentialsConfig(
        accountId,
        roleArn,
        assumeRole,
        secret(ConfigKey.AWS_EXTERNAL_ID),
        endpointAccessKey,
        endpointSecretKey);
  }

  private String text(ConfigKey key) {
    return optional(key).orElseThrow(() -> invalid(key, "a value"));
  }

  private Optional<String> optional(ConfigKey key) {
    ConfigValue value = values.get(key);
    return value.isSet() ? Optional.of(value.value().trim()) : Optional.empty();
  }

  private Optional<Secret> secret(ConfigKey key) {
    return optional(key).map(Secret::new);
  }

  /**
   * The directory as an absolute, normalised path, resolved once here against the working
   * directory: every part then sees the same path (S3Proxy's file store refuses a relative one such
   * as {@code ./hivewire-data/s3} as a path traversal).
   */
  private Path directory(ConfigKey key) {
    try {
      return Path.of(text(key)).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw invalid(key, "a directory path");
    }
  }

  private int port(ConfigKey key) {
    int port = integer(key, "a port number 0..65535");
    if (port < 0 || port > 65535) {
      throw invalid(key, "a port number 0..65535");
    }
    return port;
  }

  private int positive(ConfigKey key, int max) {
    String expected = "a whole number from 1 to " + max;
    int n = integer(key, expected);
    if (n < 1 || n > max) {
      throw invalid(key, expected);
    }
    return n;
  }

  private long atLeast(ConfigKey key, long min) {
    String expected = "a whole number of bytes of at least " + min;
    try {
      long n = Long.parseLong(text(key));
      if (n < min) {
        throw invalid(key, expected);
      }
      return n;
    } catch (NumberFormatException e) {
      throw invalid(key, expected);
    }
  }

  private Duration atLeastOneSecond(ConfigKey key) {
    String expected = "an ISO-8601 duration of at least 1 second, e.g. PT24H or PT30M";
    try {
      Duration value = Duration.parse(text(key));
      if (value.compareTo(Duration.ofSeconds(1)) < 0) {
        throw invalid(key, expected);
      }
      return value;
    } catch (DateTimeParseException e) {
      throw invalid(key, expected);
    }
  }

  private int integer(ConfigKey key, String expected) {
    try {
      return Integer.parseInt(text(key));
    } catch (NumberFormatException e) {
      throw invalid(key, expected);
    }
  }

  private boolean bool(ConfigKey key) {
    return switch (text(key).toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw invalid(key, "true or false");
    };
  }

  private ConfigException invalid(ConfigKey key, String expected) {
    ConfigValue value = values.get(key);
    String shown = key.secret() ? "***" : "'" + value.value() + "'";
    return new ConfigException(
        key.path()
            + " = "
            + shown
            + " (from "
            + value.origin()
            + ") is not valid: enter "
            + expected
            + " (YAML key "
            + key.path()
            + ", environment "
            + key.envName()
            + ")");
  }
}
