package io.hivewire.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.config.DatabaseConfig;
import io.hivewire.destination.DestinationPrefix;
import io.hivewire.destination.DestinationSpec;
import io.hivewire.destination.SetupStatus;
import io.hivewire.destination.StoredDestination;
import io.hivewire.s3.Encryption;
import io.hivewire.secrets.AccessKey;
import io.hivewire.secrets.CredentialVault;
import io.hivewire.secrets.MasterKeySource;
import io.hivewire.secrets.SealedCredentials;
import io.hivewire.secrets.SecretCipher;
import io.hivewire.source.AwsRegion;
import io.hivewire.source.BucketName;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
                new MasterKeySource(Map.of(), new SecureRandom()).load(dataDir),
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
