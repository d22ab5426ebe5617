package io.hivewire.source.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.s3.ObjectStoreException;
import io.hivewire.s3.ObjectStoreException.Reason;
import io.hivewire.source.AwsRegion;
import io.hivewire.source.BucketName;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.DataFormat;
import io.hivewire.source.Partitioning;
import io.hivewire.source.SchemaPrefix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Which one cause and fix a credentials failure gets. */
class CredentialHintsTest {

  private static final CredentialHints HINTS = new CredentialHints("MISSING-FIX", "REJECTED-FIX");

  private static ObjectStoreException failure(Reason reason) {
    return new ObjectStoreException(reason, "b", "p/", "S3 said " + reason);
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void eachReasonGetsAtMostOneCauseAndItsOwnFix(Reason reason) {
    var message = HINTS.messageFor("s3://lake/p/", failure(reason));

    switch (reason) {
      case NO_CREDENTIALS ->
          assertThat(message.orElseThrow())
              .isEqualTo("hivewire has no credentials to read s3://lake/p/: MISSING-FIX")
              .doesNotContain("rejected");
      case INVALID_CREDENTIALS ->
          assertThat(message.orElseThrow())
              .startsWith("S3 rejected the credentials hivewire reads s3://lake/p/ with")
              .endsWith(": REJECTED-FIX")
              .doesNotContain("MISSING-FIX", "no credentials");
      default -> assertThat(message).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Reason.class,
      names = {"NO_CREDENTIALS", "INVALID_CREDENTIALS"})
  void theCheckReportsBothAsInvalidCredentialsWithTheSelectedMessage(Reason reason) {
    var messages =
        new CheckMessages(
            new ConnectionSettings(
                AwsRegion.parse("us-east-1"),
                BucketName.parse("lake"),
                SchemaPrefix.parse("p/"),
                DataFormat.CSV,
                Partitioning.ALL),
            HINTS);

    CheckResult result = messages.listFailed(failure(reason));

    assertThat(result.failure()).contains(FailureReason.INVALID_CREDENTIALS);
    assertThat(result.message())
        .isEqualTo(HINTS.messageFor("s3://lake/p/", failure(reason)).orElseThrow());
  }
}
