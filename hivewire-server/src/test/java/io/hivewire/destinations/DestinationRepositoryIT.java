package io.hivewire.destinations;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.config.DatabaseConfig;
import io.hivewire.destination.DestinationPrefix;
import io.hivewire.destination.DestinationSpec;
import io.hivewire.destination.SetupStatus;
import io.hivewire.destination.StoredDestination;
import io.hivewire.routing.WorkerId;
import io.hivewire.routing.log.wal.WalEventLog;
import io.hivewire.routing.log.wal.WalSettings;
import io.hivewire.s3.Encryption;
import io.hivewire.secrets.AccessKey;
import io.hivewire.secrets.CredentialVault;
import io.hivewire.secrets.MasterKeySource;
import io.hivewire.secrets.SealedCredentials;
import io.hivewire.secrets.SecretCipher;
import io.hivewire.source.AwsRegion;
import io.hivewire.source.BucketName;
import io.hivewire.store.Database;
import io.hivewire.store.Jdbc;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routing destinations in embedded PostgreSQL: credentials are stored only sealed. */
class DestinationRepositoryIT {

  private static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final Instant NOW = Instant.parse("2026-01-15T14:00:00Z");

  @TempDir static Path dataDir;
  static Database database;
  static CredentialVault vault;

  @BeforeAll
  static void start() {
    database = Database.open(new DatabaseConfig.Embedded(0, 2), dataDir);
    vault =
        new CredentialVault(
            new SecretCipher(
                new MasterKeySource(Optional.empty(), Optional.empty(), new SecureRandom())
                    .load(dataDir),
                new SecureRandom()));
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  @Test
  void destinationReadsBackWithMaskedKeyAndItsCredentialsOpen() {
    DestinationRepository repository = new DestinationRepository(database);
    StoredDestination destination = destination();
    repository.insert(destination, vault.seal(destination.id(), key()), NOW);

    assertThat(repository.find(destination.id())).contains(destination);
    SealedCredentials sealed = repository.credentials(destination.id()).orElseThrow();
    assertThat(vault.open(destination.id(), sealed)).isEqualTo(key());
  }

  @Test
  void noTextColumnOfAnyTableHoldsTheSecretOrTheAccessKeyId() {
    DestinationRepository repository = new DestinationRepository(database);
    StoredDestination destination = destination();
    repository.insert(destination, vault.seal(destination.id(), key()), NOW);

    List<String> values = everyTextValue();

    assertThat(values).contains("AKIA…MPLE");
    assertThat(values).noneMatch(v -> v.contains(SECRET) || v.contains(ACCESS_KEY_ID));
  }

  @Test
  void anUnknownStoredEncryptionReadsAsFailedNamingTheValueNeverAsNoEncryption() {
    DestinationRepository repository = new DestinationRepository(database);
    StoredDestination destination = destination();
    repository.insert(destination, vault.seal(destination.id(), key()), NOW);
    storeEncryption(destination.id(), "AES512", null);

    StoredDestination read = repository.find(destination.id()).orElseThrow();

    assertThat(read.spec().encryption()).isEqualTo(new Encryption.Unknown("AES512"));
    assertThat(read.status()).isEqualTo(SetupStatus.FAILED);
    assertThat(read.statusMessage())
        .hasValueSatisfying(m -> assertThat(m).contains("stored encryption 'AES512'"));
    assertThat(repository.list())
        .filteredOn(d -> d.id().equals(destination.id()))
        .singleElement()
        .isEqualTo(read);
  }

  @Test
  void aStoredKmsEncryptionWithoutAKeyIdReadsAsFailed() {
    DestinationRepository repository = new DestinationRepository(database);
    StoredDestination destination = destination();
    repository.insert(destination, vault.seal(destination.id(), key()), NOW);
    storeEncryption(destination.id(), "KMS", null);

    StoredDestination read = repository.find(destination.id()).orElseThrow();

    assertThat(read.spec().encryption()).isInstanceOf(Encryption.Unknown.class);
    assertThat(read.status()).isEqualTo(SetupStatus.FAILED);
    assertThat(read.statusMessage())
        .hasValueSatisfying(m -> assertThat(m).contains("'KMS without a key id'"));
  }

  @Test
  void aDestinationWithAnUnknownStoredEncryptionIsNeverRoutedAndShowsFailedWithTheValue(
      @TempDir Path work) throws Exception {
    DestinationRepository repository = new DestinationRepository(database);
    StoredDestination destination = destination();
    repository.insert(destination, vault.seal(destination.id(), key()), NOW);
    repository.updateStatus(destination.id(), SetupStatus.ACTIVE, Optional.empty(), NOW);
    storeEncryption(destination.id(), "aws:kms:dsse", null);
    AtomicInteger storesOpened = new AtomicInteger();
    try (WalEventLog log = WalEventLog.open(WalSettings.defaults(work.resolve("log")));
        DestinationService service =
            new DestinationService(
                new DestinationService.Parts(
                    repository,
                    vault,
                    log,
                    settings -> {
                      storesOpened.incrementAndGet();
                      throw new IllegalStateException(
                          "no store may be opened for this destination");
                    },
                    new SimpleMeterRegistry(),
                    work.resolve("routing"),
                    new WorkerId("test")),
                Runnable::run,
                InstantSource.fixed(NOW))) {
      service.startActive();
      service.setPaused(destination.id(), false);
      DestinationView view = service.get(destination.id());

      assertThat(storesOpened).hasValue(0);
      assertThat(view.destination().status()).isEqualTo(SetupStatus.FAILED);
      assertThat(view.lastError())
          .hasValueSatisfying(
              m ->
                  assertThat(m)
                      .contains("'aws:kms:dsse'")
                      .contains("rather than written without encryption"));
    }
  }

  @Test
  void accessKeyNeverPrintsItsSecret() {
    assertThat(key().toString()).isEqualTo("AccessKey[AKIA…MPLE, secret redacted]");
  }

  private static List<String> everyTextValue() {
    Jdbc jdbc = database.jdbc();
    List<String[]> columns =
        jdbc.query(
            "SELECT table_name, column_name FROM information_schema.columns"
                + " WHERE table_schema = 'public'",
            s -> {},
            row -> new String[] {row.getString(1), row.getString(2)});
    List<String> values = new ArrayList<>();
    for (String[] column : columns) {
      values.addAll(
          jdbc.query(
              "SELECT \"" + column[1] + "\"::text FROM \"" + column[0] + "\"",
              s -> {},
              row -> Optional.ofNullable(row.getString(1)).orElse("")));
    }
    return values;
  }

  /** Writes what a newer version (or a hand edit) might have stored, past today's check. */
  private static void storeEncryption(UUID id, String type, String kmsKeyId) {
    Jdbc jdbc = database.jdbc();
    jdbc.update(
        "ALTER TABLE routing_destinations DROP CONSTRAINT IF EXISTS"
            + " routing_destinations_encryption_check",
        s -> {});
    jdbc.update(
        "UPDATE routing_destinations SET encryption = ?, kms_key_id = ? WHERE id = ?",
        s -> {
          s.setString(1, type);
          s.setString(2, kmsKeyId);
          s.setObject(3, id);
        });
  }

  private static AccessKey key() {
    return new AccessKey(ACCESS_KEY_ID, SECRET);
  }

  private static StoredDestination destination() {
    BucketName bucket = BucketName.parse("acme-data");
    return new StoredDestination(
        UUID.randomUUID(),
        new DestinationSpec(
            "warehouse",
            bucket,
            AwsRegion.parse("eu-west-1"),
            DestinationPrefix.parse("hivewire", bucket),
            Optional.empty(),
            new Encryption.Kms("alias/routing"),
            Duration.ofMinutes(5)),
        "AKIA…MPLE",
        SetupStatus.PROCESSING,
        Optional.empty(),
        NOW);
  }
}
