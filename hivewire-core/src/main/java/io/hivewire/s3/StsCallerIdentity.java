package io.hivewire.s3;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/** {@link CallerIdentity} from STS GetCallerIdentity with the given credentials. */
public final class StsCallerIdentity implements CallerIdentity {

  private final S3ClientSettings.Credentials credentials;
  private final String region;
  private final Optional<URI> endpoint;
  private final Duration timeout;

  /**
   * @param region the STS region to ask (any region answers for the whole partition)
   * @param endpoint an STS endpoint instead of AWS's, empty for AWS
   * @param timeout the longest a lookup may take, credentials resolution included
   */
  public StsCallerIdentity(
      S3ClientSettings.Credentials credentials,
      String region,
      Optional<URI> endpoint,
      Duration timeout) {
    this.credentials = Objects.requireNonNull(credentials, "credentials is null");
    this.region = Objects.requireNonNull(region, "region is null");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint is null");
    this.timeout = Objects.requireNonNull(timeout, "timeout is null");
  }

  // ApacheHttpClient is deprecated in favour of the Apache 5 client, which the build leaves out.
  @SuppressWarnings("deprecation")
  @Override
  public Lookup lookup() {
    List<AutoCloseable> resources = new ArrayList<>();
    Region awsRegion = Region.of(region);
    try {
      AwsCredentialsProvider provider =
          S3ObjectStores.credentials(credentials, awsRegion, resources);
      StsClientBuilder builder =
          StsClient.builder()
              .region(awsRegion)
              .credentialsProvider(provider)
              .httpClientBuilder(
                  ApacheHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout))
              .overrideConfiguration(
                  o -> o.apiCallTimeout(timeout).retryStrategy(r -> r.maxAttempts(1)));
      endpoint.ifPresent(builder::endpointOverride);
      try (StsClient sts = builder.build()) {
        return new Lookup.Found(sts.getCallerIdentity().arn());
      }
    } catch (SdkException e) {
      return new Lookup.Unavailable(reason(e));
    } finally {
      for (AutoCloseable resource : resources) {
        try {
          resource.close();
        } catch (Exception e) {
          // Closing a credentials provider cannot change the answer already found.
        }
      }
    }
  }

  private static String reason(SdkException e) {
    String text = String.valueOf(e.getMessage());
    if (text.contains("Unable to load credentials")) {
      return "no AWS credentials were found (the default chain: environment, profile, container"
          + " or instance role)";
    }
    return "STS GetCallerIdentity failed: " + text;
  }
}
