package io.hivewire.s3;

import java.util.Objects;

/** Finds the AWS principal that a set of credentials acts as (STS GetCallerIdentity). */
@FunctionalInterface
public interface CallerIdentity {

  /** Asks once; never throws for missing credentials or an unreachable service. */
  Lookup lookup();

  /** What a lookup found. */
  sealed interface Lookup {

    /** The caller's ARN as STS reports it, e.g. an assumed-role session or an IAM user. */
    record Found(String arn) implements Lookup {
      public Found {
        Objects.requireNonNull(arn, "arn is null");
      }
    }

    /** No identity: {@code reason} says why (no credentials, refused, unreachable). */
    record Unavailable(String reason) implements Lookup {
      public Unavailable {
        Objects.requireNonNull(reason, "reason is null");
      }
    }
  }
}
