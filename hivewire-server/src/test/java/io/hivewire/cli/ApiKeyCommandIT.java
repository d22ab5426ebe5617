package io.hivewire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.apikeys.ApiKeyRepository;
import io.hivewire.apikeys.ApiKeys;
import io.hivewire.config.DatabaseConfig;
import io.hivewire.store.Database;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hivewire api-key} against the embedded database of a data dir, as a user runs it. */
class ApiKeyCommandIT {

  @TempDir Path dataDir;

  @Test
  void createdIngestKeyWorksForCollectionOnlyIsListedWithoutItselfAndCanBeRevoked() {
    String created = run("api-key", "create", "--scope", "ingest", "--name", "web tracker");
    String key = created.lines().findFirst().orElseThrow();
    assertThat(key).startsWith("hw_");
    assertThat(created).contains("ingest key \"web tracker\"", "Shown once");

    try (Database database = Database.open(new DatabaseConfig.Embedded(0, 2), dataDir)) {
      ApiKeys keys = new ApiKeys(new ApiKeyRepository(database), InstantSource.system());
      assertThat(keys.allows(key, ApiKeys.INGEST_SCOPE)).isTrue();
      assertThat(keys.allows(key, ApiKeys.ADMIN_SCOPE)).isFalse();
    }
    String listed = run("api-key", "list");
    assertThat(listed).contains("ingest", "web tracker").doesNotContain(key);
    String id = listed.lines().filter(l -> l.endsWith("web tracker")).findFirst().orElseThrow();

    assertThat(run("api-key", "revoke", id.substring(0, 36))).contains("Revoked API key");

    try (Database database = Database.open(new DatabaseConfig.Embedded(0, 2), dataDir)) {
      ApiKeys keys = new ApiKeys(new ApiKeyRepository(database), InstantSource.system());
      assertThat(keys.isValid(key)).isFalse();
    }
  }

  @Test
  void unknownScopeIsRefusedNamingTheScopes() {
    StringWriter err = new StringWriter();
    int exit =
        Main.commandLine()
            .setErr(new PrintWriter(err, true))
            .execute(
                "api-key",
                "create",
                "--scope",
                "root",
                "--name",
                "x",
                "--data-dir",
                dataDir.toString(),
                "--db-port",
                "0");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("hivewire api-key create: ")
        .contains(
            "scope: 'root' is not a scope: use \"ingest\" (sends data to /v2.0 only) or \"admin\"");
  }

  @Test
  void revokingAnUnknownIdNamesTheCommandAndHowToListTheKeys() {
    StringWriter err = new StringWriter();
    String unknown = "00000000-0000-4000-8000-000000000000";

    int exit =
        Main.commandLine()
            .setErr(new PrintWriter(err, true))
            .execute(
                "api-key", "revoke", unknown, "--data-dir", dataDir.toString(), "--db-port", "0");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("hivewire api-key revoke: no API key with id " + unknown)
        .contains("./hivewire api-key list");
  }

  private String run(String... args) {
    StringWriter out = new StringWriter();
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--data-dir";
    all[args.length + 1] = dataDir.toString();
    all[args.length + 2] = "--db-port";
    all[args.length + 3] = "0";
    int exit = Main.commandLine().setOut(new PrintWriter(out, true)).execute(all);
    assertThat(exit).as(out.toString()).isZero();
    return out.toString();
  }
}
