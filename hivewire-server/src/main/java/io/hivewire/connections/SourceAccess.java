package io.hivewire.connections;

import io.hivewire.config.ConfigKey;
import io.hivewire.config.SourceCredentialsConfig;
import io.hivewire.s3.CallerIdentity;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.s3.S3ClientSettings.Credentials;
import io.hivewire.s3.StsCallerIdentity;
import io.hivewire.source.check.CredentialHints;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opens customer buckets with hivewire's own identity: the default credentials chain, optionally
 * assuming the configured role; for S3-compatible endpoints the configured endpoint keys, else the
 * local S3's keys when it runs. No customer secret is involved.
 */
public final class SourceAccess {

  private static final Duration STS_TIMEOUT = Duration.ofSeconds(5);

  private final SourceCredentialsConfig config;
  private final Optional<Credentials.Static> localS3Credentials;
  private final Function<S3ClientSettings, ObjectStore> stores;

  /**
   * @param localS3Credentials the keys of the in-process S3 when it runs
   * @param stores opens an object store for client settings (the SDK-backed one in production)
   */
  public SourceAccess(
      SourceCredentialsConfig config,
      Optional<Credentials.Static> localS3Credentials,
      Function<S3ClientSettings, ObjectStore> stores) {
    this.config = Objects.requireNonNull(config, "config is null");
    this.localS3Credentials =
        Objects.requireNonNull(localS3Credentials, "localS3Credentials is null");
    this.stores = Objects.requireNonNull(stores, "stores is null");
  }

  /** The client settings for reading the connection's bucket. */
  public S3ClientSettings settingsFor(ConnectionSpec spec) {
    S3ClientSettings aws = S3ClientSettings.aws(spec.settings().region().code());
    if (spec.endpoint().isPresent()) {
      return aws.withEndpoint(spec.endpoint().get()).withCredentials(endpointCredentials());
    }
    return aws.withCredentials(awsCredentials());
  }

  /** hivewire's identity on AWS: the default chain, assuming the configured role if any. */
  private Credentials awsCredentials() {
    if (config.assumeRoleArn().isPresent()) {
      return new Credentials.AssumeRole(
          new Credentials.DefaultChain(),
          config.assumeRoleArn().get(),
          config.externalId().map(secret -> secret.value()));
    }
    return new Credentials.DefaultChain();
  }

  private Credentials endpointCredentials() {
    if (config.endpointAccessKey().isPresent() && config.endpointSecretKey().isPresent()) {
      return new Credentials.Static(
          config.endpointAccessKey().get(), config.endpointSecretKey().get().value());
    }
    if (localS3Credentials.isPresent()) {
      return localS3Credentials.get();
    }
    return new Credentials.DefaultChain();
  }

  /**
   * What to do when the credentials {@link #settingsFor} picks for the connection are missing or
   * rejected, naming the setting they came from.
   */
  public CredentialHints credentialHints(ConnectionSpec spec) {
    if (spec.endpoint().isPresent()) {
      return endpointHints(spec.endpoint().get().toString());
    }
    if (config.assumeRoleArn().isPresent()) {
      String role = ConfigKey.AWS_ASSUME_ROLE_ARN.path() + " " + config.assumeRoleArn().get();
      return new CredentialHints(
          "the AWS default chain (environment, profile, container or instance role) found no"
              + " credentials to assume "
              + role
              + " with: give the server's process AWS credentials, e.g. AWS_ACCESS_KEY_ID and"
              + " AWS_SECRET_ACCESS_KEY, AWS_PROFILE or an instance role",
          "they are the AWS default chain's, used to assume "
              + role
              + ": renew the credentials the server's process runs with (AWS_ACCESS_KEY_ID and"
              + " AWS_SECRET_ACCESS_KEY, AWS_PROFILE or its instance role)");
    }
    return CredentialHints.defaultChain();
  }

  private CredentialHints endpointHints(String endpoint) {
    String setBoth =
        "set "
            + ConfigKey.SOURCE_ENDPOINT_ACCESS_KEY.path()
            + " and "
            + ConfigKey.SOURCE_ENDPOINT_SECRET_KEY.path()
            + " ("
            + ConfigKey.SOURCE_ENDPOINT_ACCESS_KEY.envName()
            + ", "
            + ConfigKey.SOURCE_ENDPOINT_SECRET_KEY.envName()
            + ") to a key pair that "
            + endpoint
            + " accepts";
    String used;
    if (config.endpointAccessKey().isPresent() && config.endpointSecretKey().isPresent()) {
      used =
          "they are the key pair in "
              + ConfigKey.SOURCE_ENDPOINT_ACCESS_KEY.path()
              + " ("
              + config.endpointAccessKey().get()
              + ")";
    } else if (localS3Credentials.isPresent()) {
      used =
          "they are the local S3's keys ("
              + ConfigKey.LOCAL_S3_ACCESS_KEY.path()
              + "), used because "
              + ConfigKey.SOURCE_ENDPOINT_ACCESS_KEY.path()
              + " is not set";
    } else {
      used =
          "they come from the AWS default chain, used because "
              + ConfigKey.SOURCE_ENDPOINT_ACCESS_KEY.path()
              + " is not set";
    }
    return new CredentialHints(
        "a connection with an endpoint signs with "
            + ConfigKey.SOURCE_ENDPOINT_ACCESS_KEY.path()
            + ", which is not set, and the AWS default chain found no credentials either: "
            + setBoth,
        used + ": " + setBoth);
  }

  /**
   * Asks STS which identity hivewire reads AWS buckets as: the default chain's, or the assumed
   * role's when one is configured.
   */
  public CallerIdentity callerIdentity() {
    return new StsCallerIdentity(awsCredentials(), "us-east-1", Optional.empty(), STS_TIMEOUT);
  }

  /** Opens an object store for the connection's bucket; the caller closes it. */
  public ObjectStore open(ConnectionSpec spec) {
    return stores.apply(settingsFor(spec));
  }
}
