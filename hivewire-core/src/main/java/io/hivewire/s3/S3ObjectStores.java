package io.hivewire.s3;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** Creates {@link ObjectStore}s backed by the AWS SDK v2 from {@link S3ClientSettings}. */
public final class S3ObjectStores {

  /** The session name that shows in CloudTrail for assumed roles. */
  static final String ROLE_SESSION_NAME = "hivewire";

  private S3ObjectStores() {}

  /**
   * An object store for the settings' region, endpoint and credentials; it also supports multipart
   * uploads. The caller closes it.
   */
  // ApacheHttpClient is deprecated in favour of the Apache 5 client, which the build leaves out.
  @SuppressWarnings("deprecation")
  public static ObjectStore create(S3ClientSettings settings) {
    Objects.requireNonNull(settings, "settings is null");
    List<AutoCloseable> resources = new ArrayList<>();
    RequestCounter counter = new RequestCounter();
    Region region = Region.of(settings.region());
    AwsCredentialsProvider credentials = credentials(settings.credentials(), region, resources);
    S3ClientBuilder builder =
        S3Client.builder()
            .region(region)
            .credentialsProvider(credentials)
            .httpClientBuilder(ApacheHttpClient.builder().maxConnections(settings.maxConnections()))
            .overrideConfiguration(
                o ->
                    o.apiCallTimeout(settings.apiCallTimeout())
                        .addExecutionInterceptor(new CountingInterceptor(counter)))
            .forcePathStyle(settings.pathStyle());
    settings
        .endpoint()
        .ifPresent(
            endpoint ->
                // S3-compatible endpoints often reject the newer default checksums, and some
                // (S3Proxy) leave the tail of aws-chunked bodies unread, breaking the connection.
                builder
                    .endpointOverride(endpoint)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .serviceConfiguration(
                        S3Configuration.builder().chunkedEncodingEnabled(false).build()));
    S3Client client;
    try {
      client = builder.build();
    } catch (RuntimeException e) {
      closeAll(resources, e);
      throw e;
    }
    return new SdkObjectStore(
        client, resources, counter, settings.region(), InstantSource.system());
  }

  /** The SDK provider for {@code credentials}; what it opens is added to {@code resources}. */
  static AwsCredentialsProvider credentials(
      S3ClientSettings.Credentials credentials, Region region, List<AutoCloseable> resources) {
    return switch (credentials) {
      case S3ClientSettings.Credentials.DefaultChain chain -> {
        DefaultCredentialsProvider provider = DefaultCredentialsProvider.builder().build();
        resources.add(provider);
        yield provider;
      }
      case S3ClientSettings.Credentials.Static keys ->
          StaticCredentialsProvider.create(
              AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey()));
      case S3ClientSettings.Credentials.AssumeRole role -> {
        AwsCredentialsProvider base = credentials(role.base(), region, resources);
        StsClient sts = StsClient.builder().region(region).credentialsProvider(base).build();
        StsAssumeRoleCredentialsProvider provider =
            StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(
                    r -> {
                      r.roleArn(role.roleArn()).roleSessionName(ROLE_SESSION_NAME);
                      role.externalId().ifPresent(r::externalId);
                    })
                .build();
        // The provider first, then the STS client it uses.
        resources.add(0, sts);
        resources.add(0, provider);
        yield provider;
      }
    };
  }

  private static void closeAll(List<AutoCloseable> resources, Exception cause) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        cause.addSuppressed(e);
      }
    }
  }
}
