package io.hivewire.destinations;

import io.hivewire.destination.DestinationPrefix;
import io.hivewire.destination.DestinationSpec;
import io.hivewire.errors.InvalidInputException;
import io.hivewire.s3.Encryption;
import io.hivewire.secrets.AccessKey;
import io.hivewire.source.AwsRegion;
import io.hivewire.source.BucketName;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a user sent to set up a routing destination, as typed (empty when left out), checked field
 * by field the same way for the API and the dashboard's form; each problem names its field and what
 * to enter.
 */
public record DestinationInput(
    Optional<String> name,
    Optional<String> mode,
    Optional<String> bucket,
    Optional<String> region,
    Optional<String> prefix,
    Optional<String> endpoint,
    Optional<String> encryption,
    Optional<String> kmsKeyId,
    Optional<String> flushInterval,
    Optional<String> accessKeyId,
    Optional<String> secretAccessKey) {

  /** The only routing mode hivewire offers. */
  public static final String STREAMING = "STREAMING";

  /** A field's problem: {@code field} as the API names it, {@code message} what to enter. */
  public record FieldError(String field, String message) {
    public FieldError {
      Objects.requireNonNull(field, "field is null");
      Objects.requireNonNull(message, "message is null");
    }
  }

  public DestinationInput {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(mode, "mode is null");
    Objects.requireNonNull(bucket, "bucket is null");
    Objects.requireNonNull(region, "region is null");
    Objects.requireNonNull(prefix, "prefix is null");
    Objects.requireNonNull(endpoint, "endpoint is null");
    Objects.requireNonNull(encryption, "encryption is null");
    Objects.requireNonNull(kmsKeyId, "kmsKeyId is null");
    Objects.requireNonNull(flushInterval, "flushInterval is null");
    Objects.requireNonNull(accessKeyId, "accessKeyId is null");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey is null");
  }

  /** Every field's problem, in the order the API has always checked them; empty when valid. */
  public List<FieldError> validate() {
    return check().errors;
  }

  /**
   * The request this input describes.
   *
   * @throws InvalidInputException naming every invalid field
   */
  public DestinationRequest request() {
    Checked checked = check();
    if (!checked.errors.isEmpty()) {
      List<InvalidInputException> parts =
          checked.errors.stream()
              .map(e -> new InvalidInputException(e.field(), e.message()))
              .toList();
      throw parts.size() == 1 ? parts.getFirst() : new InvalidInputException(parts);
    }
    return checked.request;
  }

  private Checked check() {
    Problems problems = new Problems();
    String chosenMode = mode.orElse(STREAMING);
    if (!chosenMode.equals(STREAMING)) {
      problems.add("mode", "mode '" + chosenMode + "' is not supported: use STREAMING");
    }
    BucketName validBucket =
        problems.check("bucket", () -> BucketName.parse(required("bucket", bucket)));
    AwsRegion validRegion =
        problems.check("region", () -> AwsRegion.parse(required("region", region)));
    DestinationPrefix validPrefix =
        validBucket == null
            ? null
            : problems.check(
                "prefix", () -> DestinationPrefix.parse(prefix.orElse(""), validBucket));
    Optional<URI> validEndpoint = problems.check("endpoint", () -> endpoint.map(URI::create));
    Duration interval =
        problems.check(
            "flushInterval",
            () ->
                flushInterval.map(Duration::parse).orElse(DestinationSpec.DEFAULT_FLUSH_INTERVAL));
    String validName = problems.check("name", () -> required("name", name));
    Encryption validEncryption = problems.check("encryption", this::validEncryption);
    if (interval != null) {
      problems.check("flushInterval", () -> checkedInterval(interval));
    }
    String keyId = problems.check("accessKeyId", () -> required("accessKeyId", accessKeyId));
    String secret =
        problems.check("secretAccessKey", () -> required("secretAccessKey", secretAccessKey));
    if (!problems.errors.isEmpty()) {
      return new Checked(problems.errors, null);
    }
    DestinationSpec spec =
        new DestinationSpec(
            validName,
            validBucket,
            validRegion,
            validPrefix,
            validEndpoint,
            validEncryption,
            interval);
    return new Checked(List.of(), new DestinationRequest(spec, new AccessKey(keyId, secret)));
  }

  private record Checked(List<FieldError> errors, DestinationRequest request) {}

  private static String required(String field, Optional<String> value) {
    return value.orElseThrow(
        () -> new FieldProblem(field, field + " is required: a non-empty string"));
  }

  private Encryption validEncryption() {
    String type = encryption.orElse("NONE");
    return switch (type) {
      case "NONE" -> Encryption.none();
      case "AES256" -> new Encryption.S3Managed();
      case "KMS" -> {
        if (kmsKeyId.isEmpty() || kmsKeyId.get().isBlank()) {
          throw new FieldProblem(
              "kmsKeyId", "encryption.kmsKeyId is required for KMS: the key id, alias or ARN");
        }
        yield new Encryption.Kms(kmsKeyId.get());
      }
      default ->
          throw new FieldProblem(
              "encryption", "encryption.type '" + type + "' is unknown: use NONE, AES256 or KMS");
    };
  }

  private static Duration checkedInterval(Duration interval) {
    if (interval.compareTo(Duration.ofSeconds(1)) < 0
        || interval.compareTo(Duration.ofHours(1)) > 0) {
      throw new FieldProblem(
          "flushInterval",
          "flushInterval "
              + interval
              + " is out of range: use 1 second to 1 hour (default 5 minutes)");
    }
    return interval;
  }

  /** A problem whose message is complete as it stands, for a field possibly other than checked. */
  private static final class FieldProblem extends RuntimeException {
    private final String field;

    FieldProblem(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }
  }

  /** Collects each field's problem, so the form can show every one beside its field. */
  private static final class Problems {
    private final List<FieldError> errors = new ArrayList<>();

    void add(String field, String message) {
      errors.add(new FieldError(field, message));
    }

    /** The checked value, or null when the field is rejected (then never used). */
    <T> T check(String field, Supplier<T> value) {
      try {
        return value.get();
      } catch (FieldProblem e) {
        add(e.field, e.getMessage());
      } catch (DateTimeParseException e) {
        add(field, field + " '" + e.getParsedString() + "' is not an ISO-8601 duration: e.g. PT5M");
      } catch (IllegalArgumentException e) {
        add(field, field + ": " + e.getMessage());
      }
      return null;
    }
  }
}
