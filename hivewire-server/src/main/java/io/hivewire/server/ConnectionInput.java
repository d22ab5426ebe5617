package io.hivewire.server;

import io.hivewire.connection.ConnectionSpec;
import io.hivewire.source.AwsRegion;
import io.hivewire.source.BucketName;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.DataFormat;
import io.hivewire.source.Partitioning;
import io.hivewire.source.SchemaPrefix;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks what a user sent to create a connection, field by field; each rejection names the field
 * and says what to enter instead.
 */
final class ConnectionInput {

  static final int MAX_NAME_LENGTH = 200;

  private ConnectionInput() {}

  static ConnectionSpec parse(ConnectionRequest request) {
    String name = name(request.name());
    AwsRegion region =
        field(
            "region",
            request.region(),
            "the bucket's region code, e.g. us-east-1",
            AwsRegion::parse);
    BucketName bucket =
        field("bucket", request.bucket(), "the bucket name, e.g. my-bucket", BucketName::parse);
    SchemaPrefix prefix =
        field(
            "schemaPrefix",
            request.schemaPrefix(),
            "the path of the schema inside the bucket, e.g. data/audiences/ (empty for the"
                + " bucket root)",
            SchemaPrefix::parse);
    DataFormat format =
        field("dataFormat", request.dataFormat(), "PARQUET or CSV", DataFormat::parse);
    Partitioning partitioning =
        field(
            "partitioning",
            request.partitioning(),
            "ALL (all tables are partitioned) or NONE (no tables are partitioned)",
            Partitioning::parse);
    Optional<URI> endpoint =
        request.endpoint().filter(e -> !e.isBlank()).map(ConnectionInput::endpoint);
    return new ConnectionSpec(
        name, new ConnectionSettings(region, bucket, prefix, format, partitioning), endpoint);
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
