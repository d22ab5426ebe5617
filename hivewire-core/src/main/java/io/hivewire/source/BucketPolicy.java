package io.hivewire.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S3 bucket policy a customer attaches so that hivewire's own AWS role may list the bucket and
 * read its objects, and nothing else.
 */
public final class BucketPolicy {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern ROLE_ARN =
      Pattern.compile(
          "arn:(aws|aws-cn|aws-us-gov):iam::(\\d{12}):(?:role|user)/([\\w+=,.@/-]{1,512})");

  private BucketPolicy() {}

  /**
   * The policy document, indented: {@code s3:ListBucket} on the bucket and {@code s3:GetObject} on
   * the bucket and its objects, granted to {@code arn:aws:iam::<account>:root} on condition that
   * the caller is {@code roleArn}.
   *
   * @param awsAccountId hivewire's 12-digit AWS account id
   * @param roleArn the IAM role (or user) hivewire reads buckets with, in that account
   */
  public static String generate(BucketName bucket, String awsAccountId, String roleArn) {
    Objects.requireNonNull(bucket, "bucket is null");
    Objects.requireNonNull(awsAccountId, "awsAccountId is null");
    Objects.requireNonNull(roleArn, "roleArn is null");
    String account = awsAccountId.strip();
    if (!ACCOUNT_ID.matcher(account).matches()) {
      throw new IllegalArgumentException(
          "AWS account id '"
              + awsAccountId
              + "' is not 12 digits: enter the account id hivewire runs in, e.g. 123456789012");
    }
    String role = roleArn.strip();
    Matcher arn = ROLE_ARN.matcher(role);
    if (!arn.matches()) {
      throw new IllegalArgumentException(
          "role '"
              + roleArn
              + "' is not an IAM role or user ARN: enter e.g. arn:aws:iam::"
              + account
              + ":role/hivewire-reader");
    }
    if (!arn.group(2).equals(account)) {
      throw new IllegalArgumentException(
          "role "
              + role
              + " belongs to account "
              + arn.group(2)
              + ", not to "
              + account
              + ": the role must be in hivewire's own account");
    }
    String partition = arn.group(1);
    String bucketArn = "arn:" + partition + ":s3:::" + bucket.value();
    ObjectNode policy = MAPPER.createObjectNode();
    policy.put("Version", "2012-10-17");
    ArrayNode statements = policy.putArray("Statement");
    statement(statements, principal(partition, account), role, "s3:ListBucket")
        .put("Resource", bucketArn);
    ArrayNode objects = MAPPER.createArrayNode().add(bucketArn).add(bucketArn + "/*");
    statement(statements, principal(partition, account), role, "s3:GetObject")
        .set("Resource", objects);
    statements.forEach(s -> ((ObjectNode) s).set("Condition", condition(role)));
    try {
      return MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(policy);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the bucket policy: " + e, e);
    }
  }

  private static ObjectNode statement(
      ArrayNode statements, String principal, String role, String action) {
    ObjectNode statement = statements.addObject();
    statement.put("Effect", "Allow");
    statement.putObject("Principal").put("AWS", principal);
    statement.put("Action", action);
    return statement;
  }

  private static String principal(String partition, String account) {
    return "arn:" + partition + ":iam::" + account + ":root";
  }

  private static ObjectNode condition(String role) {
    ObjectNode condition = MAPPER.createObjectNode();
    condition.putObject("StringEquals").put("aws:PrincipalArn", role);
    return condition;
  }
}
