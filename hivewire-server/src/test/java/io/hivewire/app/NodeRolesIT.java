package io.hivewire.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivewire.config.ConfigLoader;
import io.hivewire.config.HivewireConfig;
import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.s3.S3ObjectStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node without the collect role refuses the collection API naming the role, and one without the
 * work role leaves connection checks and import runs queued until a node that works claims them.
 */
class NodeRolesIT {

  private static final String BUCKET = "lake";
  private static final String KEY = "node-roles-admin-key-0123456789";

  @TempDir Path routerDir;
  @TempDir Path workerDir;

  @Test
  void nodeWithoutCollectRefusesEventsAndWorkWaitsForANodeThatWorks() {
    try (LocalS3Fixture s3 = LocalS3Fixture.start(BUCKET)) {
      s3.putObject(
          BUCKET,
          "data/segments/date=2025-01-01/part-0.csv",
          "user_id,segment\nu1,s1\nu2,s2\n".getBytes(StandardCharsets.UTF_8));
      Map<String, String> env = environment(s3, routerDir, "router", "route");
      try (HivewireApp router = start(env)) {
        ApiClient api = new ApiClient(router.baseUrl(), Optional.of(KEY));

        ApiClient.Response events = api.post("/v2.0/events", "[]");

        assertThat(events.status()).as(events.body()).isEqualTo(503);
        assertThat(events.json().path("error").path("code").asText()).isEqualTo("NOT_CONFIGURED");
        assertThat(events.json().path("error").path("message").asText())
            .contains("does not collect events")
            .contains("its roles are route")
            .contains("collect role");
        JsonNode node = api.get("/health").json().path("node");
        assertThat(node.path("id").asText()).isEqualTo("router");
        assertThat(node.path("roles").toString()).isEqualTo("[\"route\"]");

        String connection = createConnection(api, s3);
        Polling.sleep(2_000);
        assertThat(api.get("/api/v1/connections/" + connection).json().path("status").asText())
            .as("checked by no node while none works")
            .isEqualTo("PROCESSING");

        Map<String, String> workerEnv = environment(s3, workerDir, "worker", "work");
        workerEnv.put("HIVEWIRE_DB_URL", router.database().jdbcUrl());
        workerEnv.put("HIVEWIRE_DB_USER", router.database().user());
        workerEnv.put("HIVEWIRE_DB_PASSWORD", router.database().password());
        try (HivewireApp worker = start(workerEnv)) {
          JsonNode checked = Polling.checkedConnection(api, connection);
          assertThat(checked.path("status").asText()).as(checked.toString()).isEqualTo("ACTIVE");

          ApiClient.Response created =
              api.post(
                  "/api/v1/imports",
                  """
                  {"name":"segments","connectionId":"%s","table":"segments",
                   "dataType":"USER_SEGMENTS","mapping":{"user_id":"user_id","segment":"segment"}}"""
                      .formatted(connection));
          assertThat(created.status()).as(created.body()).isEqualTo(201);
          String id = created.json().path("id").asText();
          ApiClient.Response started = api.post("/api/v1/imports/" + id + "/runs", "");
          assertThat(started.status()).as(started.body()).isEqualTo(202);
          String run = started.json().path("id").asText();

          JsonNode finished =
              Polling.until(
                  () -> api.get("/api/v1/imports/" + id + "/runs/" + run).json(),
                  r -> r.path("status").asText().equals("SUCCEEDED"));
          assertThat(finished.path("rows").path("loaded").asLong()).isEqualTo(2);
          JsonNode workerNode =
              new ApiClient(worker.baseUrl(), Optional.of(KEY)).get("/health").json().path("node");
          assertThat(workerNode.path("roles").toString()).isEqualTo("[\"work\"]");
        }
      }
    }
  }

  @Test
  void ofTwoNodesThatDoEverythingOneHoldsEachScheduleAndBothShowTheirOwnLeases() {
    try (LocalS3Fixture s3 = LocalS3Fixture.start(BUCKET)) {
      Map<String, String> env = environment(s3, routerDir, "first", "collect,route,work");
      env.put("HIVEWIRE_COLLECT_SEGMENT_SNAPSHOT_INTERVAL", "PT1S");
      try (HivewireApp first = start(env)) {
        Map<String, String> secondEnv = environment(s3, workerDir, "second", "collect,route,work");
        secondEnv.put("HIVEWIRE_COLLECT_SEGMENT_SNAPSHOT_INTERVAL", "PT1S");
        secondEnv.put("HIVEWIRE_DB_URL", first.database().jdbcUrl());
        secondEnv.put("HIVEWIRE_DB_USER", first.database().user());
        secondEnv.put("HIVEWIRE_DB_PASSWORD", first.database().password());
        try (HivewireApp second = start(secondEnv)) {
          ApiClient a = new ApiClient(first.baseUrl(), Optional.of(KEY));
          ApiClient b = new ApiClient(second.baseUrl(), Optional.of(KEY));
          Polling.sleep(3_000);

          String leasesOfA = a.get("/health").json().path("node").path("leases").toString();
          String leasesOfB = b.get("/health").json().path("node").path("leases").toString();

          for (String schedule : new String[] {"import-schedule", "segment-snapshots"}) {
            assertThat(leasesOfA.contains(schedule) ^ leasesOfB.contains(schedule))
                .as("exactly one node holds %s: %s / %s", schedule, leasesOfA, leasesOfB)
                .isTrue();
          }
        }
      }
    }
  }

  private static String createConnection(ApiClient api, LocalS3Fixture s3) {
    ApiClient.Response created =
        api.post(
            "/api/v1/connections",
            """
            {"name":"lake","region":"us-east-1","bucket":"%s","schemaPrefix":"data/",
             "dataFormat":"CSV","partitioning":"ALL","endpoint":"%s"}"""
                .formatted(BUCKET, s3.localS3().endpoint()));
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    return created.json().path("id").asText();
  }

  private static Map<String, String> environment(
      LocalS3Fixture s3, Path dataDir, String nodeId, String roles) {
    Map<String, String> env =
        ServerEnvironment.of(dataDir, KEY, s3.localS3().accessKey(), s3.localS3().secretKey());
    env.put("HIVEWIRE_CLUSTER_NODE_ID", nodeId);
    env.put("HIVEWIRE_CLUSTER_ROLES", roles);
    env.put("HIVEWIRE_CLUSTER_LEASE_TTL", "PT3S");
    return env;
  }

  private static HivewireApp start(Map<String, String> env) {
    HivewireConfig config = new ConfigLoader(Optional.empty(), env, Map.of()).load().config();
    return HivewireApp.start(config, S3ObjectStores::create, InstantSource.system());
  }
}
