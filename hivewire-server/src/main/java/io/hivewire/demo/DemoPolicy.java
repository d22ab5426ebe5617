package io.hivewire.demo;

import io.hivewire.config.SourceCredentialsConfig;
import io.hivewire.connections.PolicyService;
import io.hivewire.s3.CallerIdentity;
import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.Optional;

/** The demo's step 2 of connecting a bucket: the bucket policy, for the demo's bucket. */
public final class DemoPolicy {

  private DemoPolicy() {}

  /**
   * Prints the policy for {@code bucket}: for the configured role if there is one, else for the
   * example principal with the note that it must be replaced. The demo asks no AWS service: it
   * reads its local S3 with that endpoint's keys, which no bucket policy names.
   */
  public static void print(PrintWriter out, SourceCredentialsConfig source, String bucket) {
    CallerIdentity none =
        () ->
            new CallerIdentity.Lookup.Unavailable(
                "the demo reads its local S3 with the local S3's keys, not with an AWS identity");
    PolicyService.Policy policy =
        new PolicyService(source, none, InstantSource.system()).policyFor(Optional.of(bucket));
    out.println(
        "On AWS, step 2 of connecting a bucket is attaching this bucket policy (./hivewire policy"
            + " --bucket "
            + bucket
            + "; the local S3 needs none):");
    policy.document().lines().forEach(line -> out.println("  " + line));
    policy.note().ifPresent(note -> out.println("  " + note));
    out.println();
  }
}
