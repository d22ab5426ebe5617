package io.hivewire.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BucketPolicyTest {

  private static final String ROLE = "arn:aws:iam::123456789012:role/hivewire-reader";

  @Test
  void policyGrantsListBucketAndGetObjectToTheRoleOnly() throws Exception {
    String json = BucketPolicy.generate(BucketName.parse("my-bucket"), "123456789012", ROLE);

    JsonNode expected =
        new ObjectMapper()
            .readTree(
                """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                      "Action": "s3:ListBucket",
                      "Resource": "arn:aws:s3:::my-bucket",
                      "Condition": {"StringEquals": {"aws:PrincipalArn": "%s"}}
                    },
                    {
                      "Effect": "Allow",
                      "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                      "Action": "s3:GetObject",
                      "Resource": ["arn:aws:s3:::my-bucket", "arn:aws:s3:::my-bucket/*"],
                      "Condition": {"StringEquals": {"aws:PrincipalArn": "%s"}}
                    }
                  ]
                }
                """
                    .formatted(ROLE, ROLE));
    assertThat(new ObjectMapper().readTree(json)).isEqualTo(expected);
  }

  @Test
  void statementKeysFollowTheDocumentOrder() throws Exception {
    String json = BucketPolicy.generate(BucketName.parse("my-bucket"), "123456789012", ROLE);

    JsonNode statement = new ObjectMapper().readTree(json).get("Statement").get(0);
    assertThat(statement.fieldNames())
        .toIterable()
        .containsExactly("Effect", "Principal", "Action", "Resource", "Condition");
  }

  @Test
  void rolePathIsAllowed() {
    String role = "arn:aws:iam::123456789012:role/service/hivewire-reader";

    assertThat(BucketPolicy.generate(BucketName.parse("b-1"), "123456789012", role)).contains(role);
  }

  @Test
  void anIamUserIsNamedAsItself() {
    String user = "arn:aws:iam::123456789012:user/ci/hivewire";

    assertThat(BucketPolicy.generate(BucketName.parse("b-1"), "123456789012", user))
        .contains("\"aws:PrincipalArn\" : \"" + user + "\"")
        .contains("arn:aws:iam::123456789012:root");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "12345        | arn:aws:iam::123456789012:role/r | AWS account id '12345' is not 12 digits",
        "12345678901a | arn:aws:iam::123456789012:role/r | is not 12 digits",
        "123456789012 | hivewire-reader                  | role 'hivewire-reader' is not an IAM"
            + " role or user ARN: enter e.g. arn:aws:iam::123456789012:role/hivewire-reader",
        "123456789012 | arn:aws:iam::123456789012:group/g | is not an IAM role or user ARN",
        "123456789012 | arn:aws:iam::999999999999:role/r | role arn:aws:iam::999999999999:role/r"
            + " belongs to account 999999999999, not to 123456789012",
      })
  void invalidPrincipalIsRejected(String account, String role, String message) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BucketPolicy.generate(BucketName.parse("my-bucket"), account, role))
        .withMessageContaining(message);
  }
}
