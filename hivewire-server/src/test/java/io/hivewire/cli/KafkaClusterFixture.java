package io.hivewire.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivewire.config.DatabaseConfig;
import io.hivewire.routing.log.kafka.KafkaTestCluster;
import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.secrets.MasterKey;
import io.hivewire.store.Database;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What several hivewire nodes share, in this JVM: a one-broker KRaft Kafka from Kafka's test kit,
 * an embedded PostgreSQL, an S3 endpoint (S3Proxy, SigV4) and one master key. Each scenario gets
 * its own database and topic prefix ({@link #scenario}), so scenarios sharing the fixture never see
 * each other's destinations or records.
 */
final class KafkaClusterFixture implements AutoCloseable {

  static final String API_KEY = "cluster-admin-key-0123456789";
  static final String BUCKET = "routed";

  private final Path work;
  private final KafkaTestCluster kafka;
  private final Database database;
  private final LocalS3Fixture s3;
  private final String masterKey;

  private KafkaClusterFixture(
      Path work, KafkaTestCluster kafka, Database database, LocalS3Fixture s3, String masterKey) {
    this.work = work;
    this.kafka = kafka;
    this.database = database;
    this.s3 = s3;
    this.masterKey = masterKey;
  }

  /** Starts Kafka, PostgreSQL and S3 with their data under {@code work}. */
  static KafkaClusterFixture start(Path work) throws Exception {
    KafkaTestCluster kafka = KafkaTestCluster.start(work.resolve("kafka"));
    Database database;
    try {
      database = Database.open(new DatabaseConfig.Embedded(0, 2), work.resolve("postgres"));
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
    LocalS3Fixture s3 = LocalS3Fixture.start(BUCKET);
    return new KafkaClusterFixture(
        work, kafka, database, s3, MasterKey.newBase64(new SecureRandom()));
  }

  KafkaTestCluster kafka() {
    return kafka;
  }

  LocalS3Fixture s3() {
    return s3;
  }

  /**
   * A scenario named {@code name} (lowercase letters and digits): its own database, topic prefix
   * and directory for its nodes' data dirs and output.
   */
  Scenario scenario(String name) throws IOException, SQLException {
    if (!name.matches("[a-z][a-z0-9]*")) {
      throw new IllegalArgumentException("scenario names are lowercase letters and digits");
    }
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    Path dir = Files.createDirectories(work.resolve(name));
    String url = database.info().jdbcUrl().replaceFirst("/hivewire(\\?|$)", "/" + name + "$1");
    return new Scenario(name, dir, url);
  }

  /** Nodes of one scenario: one database, one topic prefix, data dirs under one directory. */
  final class Scenario {

    private final String name;
    private final Path dir;
    private final String databaseUrl;

    private Scenario(String name, Path dir, String databaseUrl) {
      this.name = name;
      this.dir = dir;
      this.databaseUrl = databaseUrl;
    }

    Path dir() {
      return dir;
    }

    String topicPrefix() {
      return name + ".";
    }

    /** A node (not started yet) with id {@code id}, its own data dir and a free HTTP port. */
    ClusterNode node(String id) throws IOException {
      Map<String, String> env = new HashMap<>();
      env.put("HIVEWIRE_HTTP_PORT", Integer.toString(freePort()));
      env.put("HIVEWIRE_DATA_DIR", dir.resolve(id).toString());
      env.put("HIVEWIRE_DB_URL", databaseUrl);
      env.put("HIVEWIRE_DB_USER", database.info().user());
      env.put("HIVEWIRE_DB_POOL_SIZE", "4");
      env.put("HIVEWIRE_API_KEY", API_KEY);
      env.put("HIVEWIRE_MASTER_KEY", masterKey);
      env.put("HIVEWIRE_CLUSTER_NODE_ID", id);
      env.put("HIVEWIRE_CLUSTER_LEASE_TTL", "PT3S");
      env.put("HIVEWIRE_SOURCE_ENDPOINT_ACCESS_KEY", "unused");
      env.put("HIVEWIRE_SOURCE_ENDPOINT_SECRET_KEY", "unused");
      env.put("HIVEWIRE_EVENT_LOG_KIND", "kafka");
      env.put("HIVEWIRE_EVENT_LOG_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
      env.put("HIVEWIRE_EVENT_LOG_KAFKA_TOPIC_PREFIX", topicPrefix());
      env.put("HIVEWIRE_EVENT_LOG_KAFKA_PARTITIONS", "4");
      env.put("HIVEWIRE_EVENT_LOG_KAFKA_REPLICATION_FACTOR", "1");
      env.put("HIVEWIRE_EVENT_LOG_KAFKA_APPEND_TIMEOUT", "PT3S");
      // Kafka's smallest session timeout: a killed node's partitions move after 6 s, not 45 s.
      env.put("HIVEWIRE_EVENT_LOG_KAFKA_PROPERTIES_SESSION_TIMEOUT_MS", "6000");
      env.put("HIVEWIRE_EVENT_LOG_KAFKA_PROPERTIES_HEARTBEAT_INTERVAL_MS", "1000");
      return new ClusterNode(id, dir, env);
    }

    /**
     * Creates, through {@code node}, a streaming destination writing under {@code <scenario>/} in
     * the bucket with a one-second flush interval, and waits until {@code node} routes it.
     */
    String createDestination(ClusterNode node) throws IOException, InterruptedException {
      JsonNode created =
          node.post(
              "/api/v1/routing",
              """
              {"name":"%s lake","mode":"STREAMING","bucket":"%s","region":"us-east-1",
               "prefix":"%s/","endpoint":"%s","accessKeyId":"%s","secretAccessKey":"%s",
               "flushInterval":"PT1S"}"""
                  .formatted(
                      name,
                      BUCKET,
                      name,
                      s3.localS3().endpoint(),
                      s3.localS3().accessKey(),
                      s3.localS3().secretKey()),
              202);
      String id = created.path("id").asText();
      awaitActive(node, id);
      return id;
    }

    /** Waits until {@code node} shows destination {@code id} as ACTIVE. */
    void awaitActive(ClusterNode node, String id) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      JsonNode seen = node.get("/api/v1/routing/" + id);
      while (!seen.path("status").asText().equals("ACTIVE")) {
        if (seen.path("status").asText().equals("FAILED") || System.nanoTime() > deadline) {
          throw new AssertionError(node.id() + " does not route " + id + ": " + seen);
        }
        Thread.sleep(200);
        seen = node.get("/api/v1/routing/" + id);
      }
    }

    /** What the scenario's destination wrote to the bucket, downloaded under its directory. */
    RoutedEvents routedEvents() throws IOException {
      return new RoutedEvents(
          s3.store(), BUCKET, name + "/", Files.createDirectories(dir.resolve("bucket")));
    }

    /** The event ids of every committed record of this scenario's events topic. */
    List<String> eventIdsInTopic() {
      return kafka.committedValues(topicPrefix() + "events").stream()
          .map(KafkaClusterFixture::eventId)
          .toList();
    }
  }

  /** The event_id of an event record, as collection writes it to the log and routing to files. */
  static String eventId(String record) {
    String marker = "\"event_id\":\"";
    int start = record.indexOf(marker);
    if (start < 0) {
      throw new AssertionError("a record without event_id: " + record);
    }
    start += marker.length();
    return record.substring(start, record.indexOf('"', start));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    try (s3;
        database) {
      kafka.close();
    }
  }
}
