package io.hivewire.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.config.Secret;
import io.hivewire.config.SourceCredentialsConfig;
import io.hivewire.s3.InMemoryObjectStore;
import io.hivewire.s3.S3ClientSettings.Credentials;
import io.hivewire.source.AwsRegion;
import io.hivewire.source.BucketName;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.DataFormat;
import io.hivewire.source.Partitioning;
import io.hivewire.source.SchemaPrefix;
import io.hivewire.source.check.CredentialHints;
import java.net.URI;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which setting a credentials failure names, for each way hivewire picks a connection's keys. */
class SourceAccessTest {

  private static final Optional<URI> ENDPOINT = Optional.of(URI.create("http://127.0.0.1:9999"));

  private static SourceCredentialsConfig config(
      Optional<String> assumeRole, Optional<String> endpointKey) {
    return new SourceCredentialsConfig(
        Optional.empty(),
        Optional.empty(),
        assumeRole,
        Optional.empty(),
        endpointKey,
        endpointKey.map(k -> new Secret("secret-of-" + k)));
  }

  private static ConnectionSpec spec(Optional<URI> endpoint) {
    return new ConnectionSpec(
        "c",
        new ConnectionSettings(
            AwsRegion.parse("us-east-1"),
            BucketName.parse("lake"),
            SchemaPrefix.parse("sales/"),
            DataFormat.CSV,
            Partitioning.ALL),
        endpoint);
  }

  static Stream<Arguments> cases() {
    Optional<Credentials.Static> local =
        Optional.of(new Credentials.Static("hivewire", "hivewire-local-secret"));
    return Stream.of(
        // endpoint, endpoint keys configured: rejected names those keys, never the default chain
        Arguments.of(
            ENDPOINT,
            config(Optional.empty(), Optional.of("EPKEY")),
            Optional.empty(),
            "they are the key pair in source.endpoint-access-key (EPKEY): set"
                + " source.endpoint-access-key and source.endpoint-secret-key"
                + " (HIVEWIRE_SOURCE_ENDPOINT_ACCESS_KEY, HIVEWIRE_SOURCE_ENDPOINT_SECRET_KEY) to a"
                + " key pair that http://127.0.0.1:9999 accepts",
            "default chain"),
        // endpoint, the local S3's keys stood in
        Arguments.of(
            ENDPOINT,
            config(Optional.empty(), Optional.empty()),
            local,
            "they are the local S3's keys (local-s3.access-key), used because"
                + " source.endpoint-access-key is not set: set source.endpoint-access-key and"
                + " source.endpoint-secret-key (HIVEWIRE_SOURCE_ENDPOINT_ACCESS_KEY,"
                + " HIVEWIRE_SOURCE_ENDPOINT_SECRET_KEY) to a key pair that"
                + " http://127.0.0.1:9999 accepts",
            "default chain"),
        // endpoint, nothing configured: the default chain's keys were sent
        Arguments.of(
            ENDPOINT,
            config(Optional.empty(), Optional.empty()),
            Optional.empty(),
            "they come from the AWS default chain, used because source.endpoint-access-key is not"
                + " set: set source.endpoint-access-key and source.endpoint-secret-key"
                + " (HIVEWIRE_SOURCE_ENDPOINT_ACCESS_KEY, HIVEWIRE_SOURCE_ENDPOINT_SECRET_KEY) to a"
                + " key pair that http://127.0.0.1:9999 accepts",
            "local-s3"),
        // AWS S3 with the default chain: no endpoint setting is mentioned
        Arguments.of(
            Optional.empty(),
            config(Optional.empty(), Optional.of("EPKEY")),
            local,
            CredentialHints.defaultChain().rejected(),
            "endpoint"),
        // AWS S3 assuming a role
        Arguments.of(
            Optional.empty(),
            config(Optional.of("arn:aws:iam::123456789012:role/reader"), Optional.empty()),
            Optional.empty(),
            "they are the AWS default chain's, used to assume aws.assume-role-arn"
                + " arn:aws:iam::123456789012:role/reader: renew the credentials the server's"
                + " process runs with (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or"
                + " its instance role)",
            "endpoint"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void rejectedCredentialsNameTheSettingTheyCameFrom(
      Optional<URI> endpoint,
      SourceCredentialsConfig config,
      Optional<Credentials.Static> localS3,
      String rejected,
      String notMentioned) {
    SourceAccess access = new SourceAccess(config, localS3, settings -> new InMemoryObjectStore());

    CredentialHints hints = access.credentialHints(spec(endpoint));

    assertThat(hints.rejected()).isEqualTo(rejected).doesNotContain(notMentioned);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void missingCredentialsOnAnEndpointNameTheEndpointKeySettings(
      Optional<URI> endpoint,
      SourceCredentialsConfig config,
      Optional<Credentials.Static> localS3,
      String rejected,
      String notMentioned) {
    SourceAccess access = new SourceAccess(config, localS3, settings -> new InMemoryObjectStore());

    String missing = access.credentialHints(spec(endpoint)).missing();

    if (endpoint.isPresent()) {
      assertThat(missing)
          .contains("source.endpoint-access-key", "HIVEWIRE_SOURCE_ENDPOINT_SECRET_KEY");
    } else {
      assertThat(missing).contains("AWS_ACCESS_KEY_ID").doesNotContain("endpoint");
    }
  }
}
