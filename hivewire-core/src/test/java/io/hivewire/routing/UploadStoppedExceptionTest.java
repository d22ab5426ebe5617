package io.hivewire.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.s3.ObjectStoreException;
import io.hivewire.s3.ObjectStoreException.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UploadStoppedExceptionTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ACCESS_DENIED|s3:PutObject|arn:aws:s3:::customer-bucket/permutive/*",
        "KMS_ACCESS_DENIED|kms:GenerateDataKey|kms:Decrypt",
        "NO_SUCH_BUCKET|bucket 'customer-bucket' does not exist|create it",
        "INVALID_CREDENTIALS|access key|update the credentials",
        "WRONG_REGION|another region|region",
      })
  void namesThePermissionOrFixAPermanentFailureNeeds(Reason reason, String first, String second) {
    ObjectStoreException cause =
        new ObjectStoreException(reason, "customer-bucket", "permutive/x.jsonl.gz", "denied by S3");

    UploadStoppedException stopped =
        UploadStoppedException.of(cause, "customer-bucket", "permutive/");

    assertThat(stopped.getMessage()).contains(first).contains(second).contains("denied by S3");
    assertThat(stopped.getCause()).isSameAs(cause);
  }
}
