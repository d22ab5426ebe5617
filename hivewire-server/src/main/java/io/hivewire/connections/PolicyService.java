package io.hivewire.connections;

import io.hivewire.config.ConfigKey;
import io.hivewire.config.SourceCredentialsConfig;
import io.hivewire.errors.InvalidInputException;
import io.hivewire.errors.NotConfiguredException;
import io.hivewire.s3.CallerIdentity;
import io.hivewire.source.BucketName;
import io.hivewire.source.BucketPolicy;
import io.hivewire.source.PolicyPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;

/**
 * The bucket policy a customer attaches so that hivewire's own identity may read the bucket: the
 * configured role, else the identity hivewire's credentials act as, else a documented example that
 * the answer says must be replaced.
 */
public final class PolicyService {

  /** The role the policy names when hivewire has no identity to name; it must be replaced. */
  public static final String EXAMPLE_ROLE_ARN = "arn:aws:iam::123456789012:role/hivewire-reader";

  /** Where the principal the policy names came from. */
  public enum PrincipalSource {
    /** {@code aws.role-arn}. */
    CONFIGURED,
    /** STS GetCallerIdentity with hivewire's credentials. */
    CALLER_IDENTITY,
    /** {@link #EXAMPLE_ROLE_ARN}: a placeholder to replace before attaching the policy. */
    EXAMPLE
  }

  /**
   * A generated policy: the principal it names, where that came from and, unless configured, a note
   * saying what to check or replace.
   *
   * @param document the policy JSON to paste into the bucket's policy
   */
  public record Policy(
      String bucket,
      String principal,
      PrincipalSource principalSource,
      Optional<String> note,
      String document) {
    public Policy {
      Objects.requireNonNull(bucket, "bucket is null");
      Objects.requireNonNull(principal, "principal is null");
      Objects.requireNonNull(principalSource, "principalSource is null");
      Objects.requireNonNull(note, "note is null");
      Objects.requireNonNull(document, "document is null");
    }
  }

  /**
   * How long a failed identity lookup is believed: without credentials the SDK spends seconds
   * probing instance metadata, and a form that asks for the policy on every keystroke would wait
   * that long each time.
   */
  static final Duration MISS_KEPT_FOR = Duration.ofMinutes(1);

  private record Miss(String reason, Instant at) {}

  private final SourceCredentialsConfig identity;
  private final CallerIdentity caller;
  private final InstantSource clock;
  private volatile PolicyPrincipal found;
  private volatile Miss miss;

  /**
   * @param caller asked for hivewire's identity when no role is configured; a found identity is
   *     kept, a failed lookup is believed for {@link #MISS_KEPT_FOR}
   */
  public PolicyService(
      SourceCredentialsConfig identity, CallerIdentity caller, InstantSource clock) {
    this.identity = Objects.requireNonNull(identity, "identity is null");
    this.caller = Objects.requireNonNull(caller, "caller is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  /** The policy for {@code bucket}, granting ListBucket and GetObject to hivewire's identity. */
  public Policy policyFor(Optional<String> bucket) {
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
    if (identity.roleArn().isPresent() && identity.accountId().isPresent()) {
      String role = identity.roleArn().get();
      try {
        return new Policy(
            name.value(),
            role,
            PrincipalSource.CONFIGURED,
            Optional.empty(),
            BucketPolicy.generate(name, identity.accountId().get(), role));
      } catch (IllegalArgumentException e) {
        throw new NotConfiguredException(
            "hivewire's AWS identity is misconfigured: " + e.getMessage());
      }
    }
    return fromCredentials(name);
  }

  private Policy fromCredentials(BucketName name) {
    PolicyPrincipal principal = found;
    String why = "";
    Miss recent = miss;
    if (principal == null
        && recent != null
        && recent.at().plus(MISS_KEPT_FOR).isAfter(clock.instant())) {
      why = recent.reason();
    } else if (principal == null) {
      switch (caller.lookup()) {
        case CallerIdentity.Lookup.Found f -> {
          Optional<PolicyPrincipal> named = PolicyPrincipal.fromCallerArn(f.arn());
          principal = named.orElse(null);
          found = principal;
          why =
              "hivewire's credentials act as "
                  + f.arn()
                  + ", which a bucket policy should not name (only an IAM role or user)";
        }
        case CallerIdentity.Lookup.Unavailable u -> {
          why = "hivewire could not find its own AWS identity: " + u.reason();
          miss = new Miss(why, clock.instant());
        }
      }
    }
    if (principal != null) {
      return new Policy(
          name.value(),
          principal.arn(),
          PrincipalSource.CALLER_IDENTITY,
          Optional.of(
              "the principal is the identity hivewire's credentials act as (STS"
                  + " GetCallerIdentity); to name another role, set "
                  + setting()),
          BucketPolicy.generate(name, principal.account(), principal.arn()));
    }
    return new Policy(
        name.value(),
        EXAMPLE_ROLE_ARN,
        PrincipalSource.EXAMPLE,
        Optional.of(
            "EXAMPLE principal, replace it before attaching this policy: "
                + why
                + ", so the policy names the example role "
                + EXAMPLE_ROLE_ARN
                + " (account 123456789012). Set "
                + setting()
                + " to the role hivewire reads buckets as and generate the policy again"),
        BucketPolicy.generate(name, "123456789012", EXAMPLE_ROLE_ARN));
  }

  private static String setting() {
    return ConfigKey.AWS_ROLE_ARN.path()
        + " ("
        + ConfigKey.AWS_ROLE_ARN.envName()
        + ", or --role-arn for hivewire policy)";
  }
}
