package io.hivewire.source;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The principal a bucket policy names for hivewire: an IAM role or user ARN, as the policy's {@code
 * aws:PrincipalArn} condition sees it.
 *
 * @param arn the IAM role or user ARN
 * @param account its 12-digit account id
 */
public record PolicyPrincipal(String arn, String account) {

  private static final Pattern IAM =
      Pattern.compile("arn:(aws|aws-cn|aws-us-gov):iam::(\\d{12}):(role|user)/[\\w+=,.@/-]{1,512}");
  private static final Pattern ASSUMED_ROLE =
      Pattern.compile(
          "arn:(aws|aws-cn|aws-us-gov):sts::(\\d{12}):assumed-role/([\\w+=,.@-]{1,64})/[^/]+");

  public PolicyPrincipal {
    Objects.requireNonNull(arn, "arn is null");
    Objects.requireNonNull(account, "account is null");
  }

  /**
   * The principal of a caller ARN from STS GetCallerIdentity: the role of an assumed-role session
   * (aws:PrincipalArn is the role, not the session), an IAM user or role as it is; empty for the
   * account root, federated users and anything else a policy should not name.
   */
  public static Optional<PolicyPrincipal> fromCallerArn(String callerArn) {
    String arn = Objects.requireNonNull(callerArn, "callerArn is null").strip();
    Matcher session = ASSUMED_ROLE.matcher(arn);
    if (session.matches()) {
      return Optional.of(
          new PolicyPrincipal(
              "arn:" + session.group(1) + ":iam::" + session.group(2) + ":role/" + session.group(3),
              session.group(2)));
    }
    Matcher iam = IAM.matcher(arn);
    if (iam.matches()) {
      return Optional.of(new PolicyPrincipal(arn, iam.group(2)));
    }
    return Optional.empty();
  }
}
