package io.hivewire.destinations;

import io.hivewire.destination.DestinationPrefix;
import io.hivewire.destination.DestinationSpec;
import io.hivewire.destination.DestinationTotals;
import io.hivewire.destination.SetupStatus;
import io.hivewire.destination.StoredDestination;
import io.hivewire.s3.Encryption;
import io.hivewire.secrets.SealedCredentials;
import io.hivewire.source.AwsRegion;
import io.hivewire.source.BucketName;
import io.hivewire.store.Database;
import io.hivewire.store.Jdbc;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Routing destinations; credentials go in and out only sealed. */
public final class DestinationRepository {

  private static final String COLUMNS =
      "id, name, bucket, region, prefix, endpoint, encryption, kms_key_id, flush_interval_ms,"
          + " access_key_id_masked, status, status_message, status_changed_at";

  private final Jdbc jdbc;

  public DestinationRepository(Database database) {
    this.jdbc = Objects.requireNonNull(database, "database is null").jdbc();
  }

  public void insert(StoredDestination destination, SealedCredentials credentials, Instant at) {
    jdbc.update(
        "INSERT INTO routing_destinations (id, name, bucket, region, prefix, endpoint,"
            + " encryption, kms_key_id, flush_interval_ms, access_key_id_masked,"
            + " access_key_id_sealed, secret_key_sealed, status, status_message,"
            + " status_changed_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?)",
        s -> {
          DestinationSpec spec = destination.spec();
          s.setObject(1, destination.id());
          s.setString(2, spec.name());
          s.setString(3, spec.bucket().value());
          s.setString(4, spec.region().code());
          s.setString(5, spec.prefix().value());
          s.setString(6, spec.endpoint().map(URI::toString).orElse(null));
          bindEncryption(s, 7, spec.encryption());
          s.setLong(9, spec.flushInterval().toMillis());
          s.setString(10, credentials.maskedAccessKeyId());
          s.setString(11, credentials.sealedAccessKeyId());
          s.setString(12, credentials.sealedSecretAccessKey());
          s.setString(13, destination.status().name());
          s.setString(14, destination.statusMessage().orElse(null));
          s.setTimestamp(15, Timestamp.from(destination.statusChangedAt()));
          s.setTimestamp(16, Timestamp.from(at));
        });
  }

  public List<StoredDestination> list() {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM routing_destinations ORDER BY created_at, id",
        s -> {},
        DestinationRepository::destination);
  }

  public Optional<StoredDestination> find(UUID id) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM routing_destinations WHERE id = ?",
        s -> s.setObject(1, id),
        DestinationRepository::destination);
  }

  /** The sealed credentials of the destination with {@code id}. */
  public Optional<SealedCredentials> credentials(UUID id) {
    return jdbc.queryOne(
        "SELECT access_key_id_masked, access_key_id_sealed, secret_key_sealed"
            + " FROM routing_destinations WHERE id = ?",
        s -> s.setObject(1, id),
        row -> new SealedCredentials(row.getString(1), row.getString(2), row.getString(3)));
  }

  /** Replaces the credentials; false when there is no such destination. */
  public boolean replaceCredentials(UUID id, SealedCredentials credentials) {
    return jdbc.update(
            "UPDATE routing_destinations SET access_key_id_masked = ?, access_key_id_sealed = ?,"
                + " secret_key_sealed = ? WHERE id = ?",
            s -> {
              s.setString(1, credentials.maskedAccessKeyId());
              s.setString(2, credentials.sealedAccessKeyId());
              s.setString(3, credentials.sealedSecretAccessKey());
              s.setObject(4, id);
            })
        == 1;
  }

  /** Records a status change; false when there is no such destination. */
  public boolean updateStatus(UUID id, SetupStatus status, Optional<String> message, Instant at) {
    return jdbc.update(
            "UPDATE routing_destinations SET status = ?, status_message = ?,"
                + " status_changed_at = ? WHERE id = ?",
            s -> {
              s.setString(1, status.name());
              s.setString(2, message.orElse(null));
              s.setTimestamp(3, Timestamp.from(at));
              s.setObject(4, id);
            })
        == 1;
  }

  /** What the destination has written, as last saved; nothing for an unknown id. */
  public DestinationTotals totals(UUID id) {
    return jdbc.queryOne(
            "SELECT files_written, bytes_written, last_key, last_key_at"
                + " FROM routing_destinations WHERE id = ?",
            s -> s.setObject(1, id),
            row ->
                new DestinationTotals(
                    row.getLong(1),
                    row.getLong(2),
                    Optional.ofNullable(row.getString(3)),
                    Optional.ofNullable(row.getTimestamp(4)).map(Timestamp::toInstant)))
        .orElse(DestinationTotals.NONE);
  }

  /** Saves what the destination has written; false when there is no such destination. */
  public boolean saveTotals(UUID id, DestinationTotals totals) {
    return jdbc.update(
            "UPDATE routing_destinations SET files_written = ?, bytes_written = ?, last_key = ?,"
                + " last_key_at = ? WHERE id = ?",
            s -> {
              s.setLong(1, totals.filesWritten());
              s.setLong(2, totals.bytesWritten());
              s.setString(3, totals.lastKey().orElse(null));
              s.setTimestamp(4, totals.lastKeyAt().map(Timestamp::from).orElse(null));
              s.setObject(5, id);
            })
        == 1;
  }

  public boolean delete(UUID id) {
    return jdbc.update("DELETE FROM routing_destinations WHERE id = ?", s -> s.setObject(1, id))
        == 1;
  }

  private static void bindEncryption(PreparedStatement s, int index, Encryption encryption)
      throws SQLException {
    switch (encryption) {
      case Encryption.None n -> {
        s.setString(index, "NONE");
        s.setString(index + 1, null);
      }
      case Encryption.S3Managed m -> {
        s.setString(index, "AES256");
        s.setString(index + 1, null);
      }
      case Encryption.Kms k -> {
        s.setString(index, "KMS");
        s.setString(index + 1, k.keyId());
      }
      case Encryption.Unknown u ->
          throw new IllegalArgumentException(
              "the encryption '" + u.stored() + "' is not known: store NONE, AES256 or KMS");
    }
  }

  /**
   * The row as a destination. A stored encryption this version does not know is kept as {@link
   * Encryption.Unknown} and makes the destination {@code FAILED} with the reason, whatever its
   * stored status: it is never routed, rather than routed without encryption.
   */
  private static StoredDestination destination(ResultSet row) throws SQLException {
    BucketName bucket = new BucketName(row.getString(3));
    Encryption encryption = encryption(row.getString(7), row.getString(8));
    DestinationSpec spec =
        new DestinationSpec(
            row.getString(2),
            bucket,
            new AwsRegion(row.getString(4)),
            new DestinationPrefix(row.getString(5)),
            Optional.ofNullable(row.getString(6)).map(URI::create),
            encryption,
            Duration.ofMillis(row.getLong(9)));
    SetupStatus status = SetupStatus.valueOf(row.getString(11));
    Optional<String> message = Optional.ofNullable(row.getString(12));
    if (encryption instanceof Encryption.Unknown unknown) {
      status = SetupStatus.FAILED;
      message =
          Optional.of(
              "its stored encryption '"
                  + unknown.stored()
                  + "' is not one this version of hivewire knows (NONE, AES256 or KMS with a key"
                  + " id), so nothing is routed to it rather than written without encryption:"
                  + " delete the destination and create it again with the encryption it needs");
    }
    return new StoredDestination(
        row.getObject(1, UUID.class),
        spec,
        row.getString(10),
        status,
        message,
        row.getTimestamp(13).toInstant());
  }

  private static Encryption encryption(String type, String kmsKeyId) {
    return switch (type) {
      case "NONE" -> Encryption.none();
      case "AES256" -> new Encryption.S3Managed();
      case "KMS" ->
          kmsKeyId == null || kmsKeyId.isBlank()
              ? new Encryption.Unknown("KMS without a key id")
              : new Encryption.Kms(kmsKeyId);
      default -> new Encryption.Unknown(type);
    };
  }
}
