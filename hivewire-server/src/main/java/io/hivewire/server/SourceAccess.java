package io.hivewire.server;

import io.hivewire.config.SourceCredentialsConfig;
import io.hivewire.connection.ConnectionSpec;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.s3.S3ClientSettings.Credentials;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opens customer buckets with hivewire's own identity: the default credentials chain, optionally
 * assuming the configured role; for S3-compatible endpoints the configured endpoint keys, else the
 * local S3's keys when it runs. No customer secret is involved.
 */
public final class SourceAccess {

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
    if (config.assumeRoleArn().isPresent()) {
      return aws.withCredentials(
          new Credentials.AssumeRole(
              new Credentials.DefaultChain(),
              config.assumeRoleArn().get(),
              config.externalId().map(secret -> secret.value())));
    }
    return aws;
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

  /** Opens an object store for the connection's bucket; the caller closes it. */
  public ObjectStore open(ConnectionSpec spec) {
    return stores.apply(settingsFor(spec));
  }
}
