package io.hivewire.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a bucket: region, optional S3-compatible endpoint, and which credentials to use. No
 * SDK types, so the rest of hivewire can build one.
 */
public record S3ClientSettings(
    String region,
    Optional<URI> endpoint,
    boolean pathStyle,
    Credentials credentials,
    int maxConnections,
    Duration apiCallTimeout) {

  public S3ClientSettings {
    Objects.requireNonNull(region, "region is null");
    Objects.requireNonNull(endpoint, "endpoint is null");
    Objects.requireNonNull(credentials, "credentials is null");
    Objects.requireNonNull(apiCallTimeout, "apiCallTimeout is null");
    if (region.isBlank()) {
      throw new IllegalArgumentException("region is blank");
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException(
          "maxConnections must be at least 1, got " + maxConnections);
    }
  }

  /** AWS S3 in a region with the default credentials chain. */
  public static S3ClientSettings aws(String region) {
    return new S3ClientSettings(
        region, Optional.empty(), false, new Credentials.DefaultChain(), 64, Duration.ofMinutes(5));
  }

  /** An S3-compatible endpoint (path-style) with static keys. */
  public static S3ClientSettings endpoint(
      URI endpoint, String region, String accessKeyId, String secretAccessKey) {
    return new S3ClientSettings(
        region,
        Optional.of(endpoint),
        true,
        new Credentials.Static(accessKeyId, secretAccessKey),
        64,
        Duration.ofMinutes(5));
  }

  public S3ClientSettings withCredentials(Credentials value) {
    return new S3ClientSettings(region, endpoint, pathStyle, value, maxConnections, apiCallTimeout);
  }

  public S3ClientSettings withRegion(String value) {
    return new S3ClientSettings(
        value, endpoint, pathStyle, credentials, maxConnections, apiCallTimeout);
  }

  public S3ClientSettings withEndpoint(URI value) {
    return new S3ClientSettings(
        region, Optional.of(value), true, credentials, maxConnections, apiCallTimeout);
  }

  /** Where the credentials come from. */
  public sealed interface Credentials {

    /** The AWS SDK default chain: environment, profile, container or instance role. */
    record DefaultChain() implements Credentials {}

    /** A fixed access key pair. {@link #toString()} never shows the secret. */
    record Static(String accessKeyId, String secretAccessKey) implements Credentials {
      public Static {
        Objects.requireNonNull(accessKeyId, "accessKeyId is null");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey is null");
        if (accessKeyId.isBlank() || secretAccessKey.isBlank()) {
          throw new IllegalArgumentException("access key id and secret access key are required");
        }
      }

      @Override
      public String toString() {
        return "Static[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
      }
    }

    /** Assume {@code roleArn} (with an optional external id) starting from {@code base}. */
    record AssumeRole(Credentials base, String roleArn, Optional<String> externalId)
        implements Credentials {
      public AssumeRole {
        Objects.requireNonNull(base, "base is null");
        Objects.requireNonNull(roleArn, "roleArn is null");
        Objects.requireNonNull(externalId, "externalId is null");
        if (!roleArn.startsWith("arn:")) {
          throw new IllegalArgumentException(
              "role must be an ARN (arn:aws:iam::…:role/…): " + roleArn);
        }
      }
    }
  }
}
