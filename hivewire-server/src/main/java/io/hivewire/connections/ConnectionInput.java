package io.hivewire.connections;

import io.hivewire.errors.InvalidInputException;
import io.hivewire.source.AwsRegion;
import io.hivewire.source.BucketName;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.DataFormat;
import io.hivewire.source.Partitioning;
import io.hivewire.source.SchemaPrefix;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Checks what a user sent to create a connection, field by field; each rejection names the field
 * and says what to enter instead.
 */
final class ConnectionInput {

  static final int MAX_NAME_LENGTH = 200;

  private ConnectionInput() {}

  /**
   * The connection the request describes.
   *
   * @throws InvalidInputException naming every invalid field, each with what to enter instead
   */
  static ConnectionSpec parse(ConnectionRequest request) {
    Problems problems = new Problems();
    String name = problems.check(() -> name(request.name()));
    AwsRegion region =
        problems.check(
            () ->
                field(
                    "region",
                    request.region(),
                    "the bucket's region code, e.g. us-east-1",
                    AwsRegion::parse));
    BucketName bucket =
        problems.check(
            () ->
                field(
                    "bucket",
                    request.bucket(),
                    "the bucket name, e.g. my-bucket",
                    BucketName::parse));
    SchemaPrefix prefix =
        problems.check(
            () ->
                field(
                    "schemaPrefix",
                    request.schemaPrefix(),
                    "the path of the schema inside the bucket, e.g. data/audiences/ (empty for"
                        + " the bucket root)",
                    SchemaPrefix::parse));
    DataFormat format =
        problems.check(
            () -> field("dataFormat", request.dataFormat(), "PARQUET or CSV", DataFormat::parse));
    Partitioning partitioning =
        problems.check(
            () ->
                field(
                    "partitioning",
                    request.partitioning(),
                    "ALL (all tables are partitioned) or NONE (no tables are partitioned)",
                    Partitioning::parse));
    Optional<URI> endpoint =
        problems.check(
            () -> request.endpoint().filter(e -> !e.isBlank()).map(ConnectionInput::endpoint));
    problems.throwIfAny();
    return new ConnectionSpec(
        name, new ConnectionSettings(region, bucket, prefix, format, partitioning), endpoint);
  }

  /** Collects the rejection of each field, so that one answer names every field to correct. */
  private static final class Problems {
    private final List<InvalidInputException> found = new ArrayList<>();

    /** The checked value, or null when the field is rejected (then never used). */
    <T> T check(Supplier<T> field) {
      try {
        return field.get();
      } catch (InvalidInputException e) {
        found.add(e);
        return null;
      }
    }

    void throwIfAny() {
      if (found.size() == 1) {
        throw found.getFirst();
      }
      if (!found.isEmpty()) {
        throw new InvalidInputException(found);
      }
    }
  }

  static String name(Optional<String> value) {
    String name = value.map(String::strip).orElse("");
    if (name.isEmpty()) {
      throw new InvalidInputException(
          "name",
          "name is required: enter a descriptive name for the connection, e.g. 'CRM exports'");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new InvalidInputException(
          "name", "name has " + name.length() + " characters: enter at most " + MAX_NAME_LENGTH);
    }
    return name;
  }

  private static <T> T field(
      String field, Optional<String> value, String expected, Function<String, T> parser) {
    if (value.isEmpty()) {
      throw new InvalidInputException(field, field + " is required: enter " + expected);
    }
    try {
      return parser.apply(value.get());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(field, field + ": " + e.getMessage());
    }
  }

  private static URI endpoint(String value) {
    String expected =
        "the URL of an S3-compatible endpoint such as http://127.0.0.1:9000, or leave it out for"
            + " AWS S3";
    URI uri;
    try {
      uri = new URI(value.strip());
    } catch (URISyntaxException e) {
      throw new InvalidInputException(
          "endpoint", "endpoint '" + value + "' is not a URL: enter " + expected);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null
        || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))
        || uri.getQuery() != null) {
      throw new InvalidInputException(
          "endpoint", "endpoint '" + value + "' is not usable: enter " + expected);
    }
    return uri;
  }
}
