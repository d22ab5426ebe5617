package io.hivewire.destinations;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivewire.destination.DestinationPrefix;
import io.hivewire.destination.DestinationSpec;
import io.hivewire.http.ApiException;
import io.hivewire.http.ErrorCode;
import io.hivewire.s3.Encryption;
import io.hivewire.secrets.AccessKey;
import io.hivewire.source.AwsRegion;
import io.hivewire.source.BucketName;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads the body of {@code POST /api/v1/routing}; each problem names its field and the fix. */
final class DestinationRequestJson {

  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "mode",
          "bucket",
          "region",
          "prefix",
          "accessKeyId",
          "secretAccessKey",
          "encryption",
          "endpoint",
          "flushInterval");

  private DestinationRequestJson() {}

  static DestinationRequest parse(JsonNode body) {
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!FIELDS.contains(field.getKey())) {
        throw invalid(
            "unknown field '" + field.getKey() + "': the fields are " + new TreeSet<>(FIELDS));
      }
    }
    String mode = optionalText(body, "mode").orElse("STREAMING");
    if (!mode.equals("STREAMING")) {
      throw invalid("mode '" + mode + "' is not supported: use STREAMING");
    }
    BucketName bucket = field("bucket", () -> BucketName.parse(text(body, "bucket")));
    AwsRegion region = field("region", () -> AwsRegion.parse(text(body, "region")));
    DestinationPrefix prefix =
        field(
            "prefix",
            () -> DestinationPrefix.parse(optionalText(body, "prefix").orElse(""), bucket));
    Optional<URI> endpoint =
        field("endpoint", () -> optionalText(body, "endpoint").map(URI::create));
    Duration flushInterval =
        field(
            "flushInterval",
            () ->
                optionalText(body, "flushInterval")
                    .map(Duration::parse)
                    .orElse(DestinationSpec.DEFAULT_FLUSH_INTERVAL));
    DestinationSpec spec =
        field(
            "name",
            () ->
                new DestinationSpec(
                    text(body, "name"),
                    bucket,
                    region,
                    prefix,
                    endpoint,
                    encryption(body.get("encryption")),
                    flushInterval));
    AccessKey key =
        field(
            "accessKeyId",
            () -> new AccessKey(text(body, "accessKeyId"), text(body, "secretAccessKey")));
    return new DestinationRequest(spec, key);
  }

  static String text(JsonNode body, String field) {
    return optionalText(body, field)
        .orElseThrow(() -> invalid(field + " is required: a non-empty string"));
  }

  private static Optional<String> optionalText(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual() || node.textValue().isBlank()) {
      throw invalid(field + " must be a non-empty string");
    }
    return Optional.of(node.textValue());
  }

  private static Encryption encryption(JsonNode node) {
    if (node == null || node.isNull()) {
      return Encryption.none();
    }
    String type = node.path("type").asText("NONE");
    return switch (type) {
      case "NONE" -> Encryption.none();
      case "AES256" -> new Encryption.S3Managed();
      case "KMS" -> {
        String keyId = node.path("kmsKeyId").asText("");
        if (keyId.isBlank()) {
          throw invalid("encryption.kmsKeyId is required for KMS: the key id, alias or ARN");
        }
        yield new Encryption.Kms(keyId);
      }
      default ->
          throw invalid("encryption.type '" + type + "' is unknown: use NONE, AES256 or KMS");
    };
  }

  private interface Parse<T> {
    T get();
  }

  private static <T> T field(String field, Parse<T> parse) {
    try {
      return parse.get();
    } catch (ApiException e) {
      throw e;
    } catch (DateTimeParseException e) {
      throw invalid(
          field + " '" + e.getParsedString() + "' is not an ISO-8601 duration: e.g. PT5M");
    } catch (IllegalArgumentException e) {
      throw invalid(field + ": " + e.getMessage());
    }
  }

  private static ApiException invalid(String message) {
    return new ApiException(ErrorCode.INVALID_REQUEST, message);
  }
}
