package io.hivewire.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.config.DatabaseConfig;
import io.hivewire.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys in embedded PostgreSQL: when each was last used, kept to the minute. */
class ApiKeyRepositoryIT {

  private static final Instant CREATED = Instant.parse("2026-01-15T14:00:00Z");

  @TempDir static Path dataDir;
  static Database database;
  static ApiKeyRepository keys;

  @BeforeAll
  static void start() {
    database = Database.open(new DatabaseConfig.Embedded(0, 2), dataDir);
    keys = new ApiKeyRepository(database);
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  @Test
  void aKeyNeverUsedIsListedWithoutALastUse() {
    UUID id = UUID.randomUUID();
    keys.add(id, "hash-never-used", Set.of("ingest"), "idle tracker", CREATED);

    assertThat(listed(id).lastUsedAt()).isEmpty();
  }

  @Test
  void eachUseIsRecordedOnceAMinuteWhetherTheKeyIsSentOrItsSessionUsed() {
    UUID id = UUID.randomUUID();
    keys.add(id, "hash-in-use", Set.of("admin"), "on-call laptop", CREATED);
    Instant first = CREATED.plus(Duration.ofHours(1));

    assertThat(keys.useOf("hash-in-use", first)).contains(List.of("admin"));
    assertThat(listed(id).lastUsedAt()).contains(first);

    keys.useOf("hash-in-use", first.plusSeconds(30));
    assertThat(listed(id).lastUsedAt()).contains(first);

    Instant minuteLater = first.plusSeconds(61);
    keys.useOf("hash-in-use", minuteLater);
    assertThat(listed(id).lastUsedAt()).contains(minuteLater);

    Instant bySession = minuteLater.plus(Duration.ofMinutes(5));
    assertThat(keys.useOf(id, bySession)).contains(List.of("admin"));
    assertThat(listed(id).lastUsedAt()).contains(bySession);
  }

  @Test
  void aKeyNobodyHoldsIsNeitherFoundNorRecorded() {
    assertThat(keys.useOf("hash-of-no-key", CREATED)).isEmpty();
    assertThat(keys.useOf(UUID.randomUUID(), CREATED)).isEmpty();
  }

  private static StoredApiKey listed(UUID id) {
    Optional<StoredApiKey> found = keys.list().stream().filter(k -> k.id().equals(id)).findFirst();
    assertThat(found).as("key %s is listed", id).isPresent();
    return found.get();
  }
}
