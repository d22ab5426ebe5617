package io.hivewire.server;

import io.hivewire.config.ConfigKey;
import io.hivewire.config.SourceCredentialsConfig;
import io.hivewire.source.BucketName;
import io.hivewire.source.BucketPolicy;
import java.util.Objects;
import java.util.Optional;

/** The bucket policy a customer attaches so that hivewire's own role may read the bucket. */
public final class PolicyService {

  private final SourceCredentialsConfig identity;

  public PolicyService(SourceCredentialsConfig identity) {
    this.identity = Objects.requireNonNull(identity, "identity is null");
  }

  /** The policy JSON for {@code bucket}, granting ListBucket and GetObject to hivewire's role. */
  public String policyFor(Optional<String> bucket) {
    if (bucket.isEmpty()) {
      throw new InvalidInputException(
          "bucket", "bucket is required: enter the bucket name, e.g. my-bucket");
    }
    BucketName name;
    try {
      name = BucketName.parse(bucket.get());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("bucket", "bucket: " + e.getMessage());
    }
    if (identity.roleArn().isEmpty() || identity.accountId().isEmpty()) {
      throw new NotConfiguredException(
          "hivewire's AWS identity is not configured, so no policy can name it: set "
              + ConfigKey.AWS_ROLE_ARN.envName()
              + " (the role hivewire reads buckets as, e.g."
              + " arn:aws:iam::123456789012:role/hivewire-reader) and, if it differs from the"
              + " role's account, "
              + ConfigKey.AWS_ACCOUNT_ID.envName());
    }
    try {
      return BucketPolicy.generate(name, identity.accountId().get(), identity.roleArn().get());
    } catch (IllegalArgumentException e) {
      throw new NotConfiguredException(
          "hivewire's AWS identity is misconfigured: " + e.getMessage());
    }
  }
}
