package io.hivewire.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BucketNameTest {

  @ParameterizedTest
  @ValueSource(strings = {"my-bucket", "abc", "logs.example.com", "a1-b2.c3", "123bucket"})
  void validBucketNamesAreAccepted(String name) {
    assertThat(BucketName.parse(name).value()).isEqualTo(name);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "s3://my-bucket/*           | enter my-bucket, not s3://my-bucket/*",
        "s3://my-bucket             | enter my-bucket, not s3://my-bucket",
        "s3a://my-bucket/data/      | enter my-bucket, not s3a://my-bucket/data/",
        "arn:aws:s3:::my-bucket     | enter my-bucket, not the ARN arn:aws:s3:::my-bucket",
        "https://my-bucket.s3.eu-west-1.amazonaws.com/x | enter my-bucket, not the URL",
        "my-bucket/data             | enter my-bucket, not my-bucket/data: the bucket name has no"
            + " slash",
        "my-bucket/*                | enter my-bucket, not my-bucket/*",
        "/my-bucket                 | enter my-bucket, not /my-bucket",
        "My-Bucket                  | bucket names are lowercase: enter my-bucket, not My-Bucket",
        "ab                         | has 2 characters; S3 bucket names have 3 to 63",
        "my_bucket                  | contains characters S3 does not allow",
        "-bucket                    | must start and end with a letter or digit",
        "bucket.                    | must start and end with a letter or digit",
        "my..bucket                 | two adjacent dots",
        "192.168.1.1                | is an IP address",
      })
  void invalidBucketNamesSayWhatToEnter(String input, String message) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BucketName.parse(input))
        .withMessageContaining(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void blankBucketNameAsksForTheName(String input) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BucketName.parse(input))
        .withMessageContaining("enter the name shown in the S3 console, e.g. my-bucket");
  }

  @org.junit.jupiter.api.Test
  void surroundingWhitespaceIsIgnored() {
    assertThat(BucketName.parse("  my-bucket\n").value()).isEqualTo("my-bucket");
  }

  @org.junit.jupiter.api.Test
  void bucketNameOf64CharactersIsRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BucketName.parse("a".repeat(64)))
        .withMessageContaining("has 64 characters");
  }
}
