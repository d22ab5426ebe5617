package io.hivewire.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Every configuration option: its YAML path, its {@code HIVEWIRE_*} environment variable, its
 * default and what it does. The README's configuration table is this enum.
 */
public enum ConfigKey {
  HTTP_HOST("http.host", "127.0.0.1", "Interface the HTTP API listens on."),
  HTTP_PORT("http.port", "8080", "Port of the HTTP API (0 picks a free port)."),
  HTTP_TRUST_FORWARDED_HEADERS(
      "http.trust-forwarded-headers",
      "false",
      "Trust X-Forwarded-Proto from a TLS-terminating proxy: https there makes the dashboard's"
          + " session cookie Secure. Set it only when every request comes through that proxy."),
  DATA_DIR(
      "data-dir",
      "./hivewire-data",
      "Directory for the embedded database, the local S3 store and other state."),
  DB_URL(
      "db.url",
      "",
      "JDBC URL of an external PostgreSQL (jdbc:postgresql://host:5432/db). Empty: embedded"
          + " PostgreSQL under the data dir."),
  DB_USER("db.user", "", "User for the external PostgreSQL."),
  DB_PASSWORD("db.password", "", "Password for the external PostgreSQL.", true),
  DB_EMBEDDED_PORT(
      "db.embedded-port",
      "5433",
      "Port of the embedded PostgreSQL, on localhost only (0 picks a free port)."),
  DB_POOL_SIZE("db.pool-size", "10", "Maximum number of database connections."),
  API_KEY(
      "api-key",
      "",
      "Admin API key for X-API-Key. Empty: the first start creates one, stores its hash and prints"
          + " it once.",
      true),
  LOCAL_S3_ENABLED(
      "local-s3.enabled",
      "false",
      "Start an S3-compatible endpoint in-process (files under <data-dir>/s3), for trying"
          + " hivewire without AWS."),
  LOCAL_S3_PORT("local-s3.port", "9000", "Port of the local S3 endpoint, on 127.0.0.1."),
  LOCAL_S3_ACCESS_KEY("local-s3.access-key", "hivewire", "Access key id the local S3 accepts."),
  LOCAL_S3_SECRET_KEY(
      "local-s3.secret-key", "hivewire-local-secret", "Secret key the local S3 accepts.", true),
  SOURCE_ENDPOINT_ACCESS_KEY(
      "source.endpoint-access-key",
      "",
      "Access key id for connections with an S3-compatible endpoint. Empty: the local S3's keys"
          + " when it runs, else the default credentials chain."),
  SOURCE_ENDPOINT_SECRET_KEY(
      "source.endpoint-secret-key",
      "",
      "Secret key for connections with an S3-compatible endpoint.",
      true),
  AWS_ACCOUNT_ID(
      "aws.account-id",
      "",
      "hivewire's AWS account id, the principal of generated bucket policies. Empty: taken from"
          + " aws.role-arn."),
  AWS_ROLE_ARN(
      "aws.role-arn",
      "",
      "ARN of the role hivewire reads buckets as; the aws:PrincipalArn condition of generated"
          + " policies."),
  AWS_ASSUME_ROLE_ARN(
      "aws.assume-role-arn",
      "",
      "Role to assume (from the default credentials chain) before reading customer buckets."
          + " Empty: use the default chain directly."),
  AWS_EXTERNAL_ID(
      "aws.external-id", "", "External id sent when assuming aws.assume-role-arn.", true),
  MASTER_KEY(
      "master-key",
      "",
      "Base64 of 32 bytes that encrypts stored routing credentials (AES-GCM); every node of a"
          + " cluster needs the same one (./hivewire master-key prints a new one). Empty:"
          + " master-key-file, else a key file <data-dir>/master.key, created owner-only at the"
          + " first start.",
      true),
  MASTER_KEY_FILE(
      "master-key-file",
      "",
      "File holding the master key as base64 (readable by its owner only), e.g. a mounted"
          + " secret shared by every node. Set master-key or this, not both."),
  COLLECT_MAX_BODY_BYTES(
      "collect.max-body-bytes",
      "8388608",
      "Largest request body the collection API (/v2.0) accepts; larger ones get 413."),
  COLLECT_SEGMENT_SNAPSHOT_INTERVAL(
      "collect.segment-snapshot-interval",
      "PT24H",
      "How often the full segment list is routed again when no segment changed (ISO-8601)."),
  EVENT_LOG_MAX_BYTES(
      "event-log.max-bytes",
      "10737418240",
      "Disk quota of the event log under the data dir, in bytes (at least 4096); when it is full,"
          + " the collection API answers 503 until routing frees room."),
  EVENT_LOG_KIND(
      "event-log.kind",
      "local",
      "Where collected records are logged before routing: local (a write-ahead log under the"
          + " data dir, one node) or kafka (topics on event-log.kafka.bootstrap-servers)."),
  EVENT_LOG_KAFKA_BOOTSTRAP_SERVERS(
      "event-log.kafka.bootstrap-servers",
      "",
      "Kafka brokers (host:port,...) when event-log.kind is kafka. Client settings such as TLS or"
          + " SASL go under event-log.kafka.properties.* (environment"
          + " HIVEWIRE_EVENT_LOG_KAFKA_PROPERTIES_<NAME>, dots as _), passed to Kafka as they are."),
  EVENT_LOG_KAFKA_TOPIC_PREFIX(
      "event-log.kafka.topic-prefix",
      "hivewire.",
      "Prefix of the topics hivewire creates (one per record type: events, sync_aliases, segment)"
          + " and of its consumer groups."),
  EVENT_LOG_KAFKA_PARTITIONS(
      "event-log.kafka.partitions",
      "12",
      "Partitions of each topic hivewire creates: the most routing workers one destination can"
          + " use."),
  EVENT_LOG_KAFKA_REPLICATION_FACTOR(
      "event-log.kafka.replication-factor",
      "3",
      "Replication factor of the topics hivewire creates (3 in production, with"
          + " min.insync.replicas=2; 1 for a single test broker)."),
  EVENT_LOG_KAFKA_APPEND_TIMEOUT(
      "event-log.kafka.append-timeout",
      "PT10S",
      "How long a collection request waits for Kafka to acknowledge its records before it is"
          + " answered 503 with nothing accepted (ISO-8601)."),
  DISCOVERY_PARALLELISM(
      "discovery.parallelism", "8", "Tables listed in parallel during one discovery."),
  VALIDATION_WORKERS(
      "validation.workers", "4", "Connection validations and resyncs that run at the same time."),
  VALIDATION_QUEUE(
      "validation.queue",
      "100",
      "Validations and resyncs that may wait; beyond it requests get 503 and can be retried."),
  IMPORT_RUNS("import.runs", "2", "Import runs that execute at the same time; others wait queued."),
  IMPORT_FILES_PER_RUN("import.files-per-run", "4", "Files one import run loads at the same time."),
  CLUSTER_NODE_ID(
      "cluster.node-id",
      "",
      "This node's id in leases and on /health. Empty: the host name and a random suffix kept in"
          + " the data dir (file node-id)."),
  CLUSTER_ROLES(
      "cluster.roles",
      "collect,route,work",
      "What this node does: collect (the /v2.0 collection API), route (routing destinations' workers),"
          + " work (import runs, connection checks, resyncs); comma-separated. Also --roles."),
  CLUSTER_LEASE_TTL(
      "cluster.lease-ttl",
      "PT30S",
      "How long a node's lease on a piece of work lasts without its heartbeat (renewed every third"
          + " of it): how soon another node resumes the work of a node that died (ISO-8601)."),
  LOGGING_FORMAT(
      "logging.format",
      "text",
      "Format of log lines on the console and in log files: text (for people) or json (one JSON"
          + " object a line, for log collectors).");

  private final String path;
  private final String defaultValue;
  private final String description;
  private final boolean secret;

  ConfigKey(String path, String defaultValue, String description) {
    this(path, defaultValue, description, false);
  }

  ConfigKey(String path, String defaultValue, String description, boolean secret) {
    this.path = path;
    this.defaultValue = defaultValue;
    this.description = description;
    this.secret = secret;
  }

  /** The dotted YAML path, e.g. {@code http.port}. */
  public String path() {
    return path;
  }

  /** The environment variable, e.g. {@code HIVEWIRE_HTTP_PORT}. */
  public String envName() {
    return "HIVEWIRE_" + path.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The value when no source sets one; empty means "not set". */
  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** Whether the value must never be printed. */
  public boolean secret() {
    return secret;
  }

  /** The key with this YAML path. */
  public static Optional<ConfigKey> byPath(String path) {
    for (ConfigKey key : values()) {
      if (key.path.equals(path)) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }
}
