package io.hivewire.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which principal a bucket policy names for each kind of caller ARN that STS reports. */
class PolicyPrincipalTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        // an assumed-role session: aws:PrincipalArn is the role, not the session
        "arn:aws:sts::123456789012:assumed-role/hivewire-reader/i-0abc | "
            + "arn:aws:iam::123456789012:role/hivewire-reader | 123456789012",
        "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_1f/jane@example.com | "
            + "arn:aws:iam::123456789012:role/AWSReservedSSO_Admin_1f | 123456789012",
        "arn:aws-cn:sts::210987654321:assumed-role/reader/botocore-session-1 | "
            + "arn:aws-cn:iam::210987654321:role/reader | 210987654321",
        // an IAM user, with and without a path: named as itself
        "arn:aws:iam::123456789012:user/ci-bot | arn:aws:iam::123456789012:user/ci-bot | 123456789012",
        "arn:aws-us-gov:iam::123456789012:user/teams/data/etl | "
            + "arn:aws-us-gov:iam::123456789012:user/teams/data/etl | 123456789012",
        // a role ARN as it is
        "arn:aws:iam::123456789012:role/svc/reader | arn:aws:iam::123456789012:role/svc/reader | 123456789012",
        // what a policy should not name: the root user, federated users, anything else
        "arn:aws:iam::123456789012:root | - | -",
        "arn:aws:sts::123456789012:federated-user/bob | - | -",
        "arn:aws:sts::123456789012:assumed-role/no-session | - | -",
        "arn:aws:iam::12345:user/short-account | - | -",
        "not-an-arn | - | -",
      })
  void callerArnBecomesThePrincipalThePolicyNames(String caller, String arn, String account) {
    var principal = PolicyPrincipal.fromCallerArn(caller);

    if (arn == null) {
      assertThat(principal).isEmpty();
    } else {
      assertThat(principal).contains(new PolicyPrincipal(arn, account));
    }
  }
}
