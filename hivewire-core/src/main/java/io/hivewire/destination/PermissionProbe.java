package io.hivewire.destination;

import io.hivewire.s3.Encryption;
import io.hivewire.s3.ListRequest;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.ObjectStoreException;
import io.hivewire.s3.PutOptions;
import io.hivewire.s3.S3Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Checks that credentials can do what routing does, before any data waits on them: put, get, list
 * and delete a small probe object under the prefix, with the destination's encryption (so missing
 * KMS permissions show up now, not at the first upload).
 */
public final class PermissionProbe {

  private static final String PROBE_DIRECTORY = "_hivewire_probe/";
  private static final byte[] BODY = "hivewire permission probe\n".getBytes(StandardCharsets.UTF_8);

  private final Supplier<UUID> ids;

  public PermissionProbe(Supplier<UUID> ids) {
    this.ids = Objects.requireNonNull(ids, "ids is null");
  }

  /** Runs the probe; never leaves the probe object behind when delete is allowed. */
  public ProbeResult probe(
      ObjectStore store, String bucket, DestinationPrefix prefix, Encryption encryption) {
    S3Location probe =
        new S3Location(bucket, prefix.value() + PROBE_DIRECTORY + ids.get() + ".txt");
    Step step = Step.PUT;
    try {
      store.put(probe, BODY, PutOptions.defaults().withEncryption(encryption));
      step = Step.GET;
      try (InputStream in = store.open(probe)) {
        in.readAllBytes();
      }
      step = Step.LIST;
      store.list(ListRequest.recursive(bucket, prefix.value() + PROBE_DIRECTORY));
      step = Step.DELETE;
      store.delete(probe);
      return new ProbeResult.Passed();
    } catch (ObjectStoreException e) {
      if (step != Step.PUT && step != Step.DELETE) {
        deleteQuietly(store, probe);
      }
      return failed(step, encryption, bucket, e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the probe object " + probe + " failed", e);
    }
  }

  private static void deleteQuietly(ObjectStore store, S3Location probe) {
    try {
      store.delete(probe);
    } catch (ObjectStoreException e) {
      // The earlier failure is what the user must act on; a denied delete shows up once it is
      // fixed and the probe runs again.
    }
  }

  private static ProbeResult failed(
      Step step, Encryption encryption, String bucket, ObjectStoreException e) {
    return switch (e.reason()) {
      case ACCESS_DENIED ->
          new ProbeResult.Failed(
              step.permission,
              "access denied to "
                  + step.action
                  + " in bucket "
                  + bucket
                  + ": grant "
                  + step.permission
                  + " on the bucket"
                  + (step == Step.LIST ? "" : "'s objects")
                  + " to the IAM user of this access key");
      case KMS_ACCESS_DENIED -> {
        String kms = step == Step.GET ? "kms:Decrypt" : "kms:GenerateDataKey";
        yield new ProbeResult.Failed(
            kms,
            "the KMS key "
                + (encryption instanceof Encryption.Kms k ? k.keyId() + " " : "")
                + "cannot be used to "
                + step.action
                + ": grant kms:GenerateDataKey and kms:Decrypt on the key to the IAM user");
      }
      case INVALID_CREDENTIALS ->
          new ProbeResult.Failed(
              "credentials",
              "the access key id or secret access key is wrong: copy both again from the IAM"
                  + " user's security credentials");
      case NO_CREDENTIALS ->
          new ProbeResult.Failed(
              "credentials",
              "no credentials were found: the AWS default chain (environment, profile, container"
                  + " or instance role) found none");
      case NO_SUCH_BUCKET ->
          new ProbeResult.Failed(
              "bucket", "bucket " + bucket + " does not exist: check its name and region");
      case WRONG_REGION ->
          new ProbeResult.Failed(
              "region", "bucket " + bucket + " is in another region: " + e.getMessage());
      default ->
          new ProbeResult.Failed(
              step.permission,
              "could not " + step.action + " in bucket " + bucket + ": " + e.getMessage());
    };
  }

  /** The probe's operations, with the permission each needs. */
  private enum Step {
    PUT("write the probe object", "s3:PutObject"),
    GET("read the probe object", "s3:GetObject"),
    LIST("list the prefix", "s3:ListBucket"),
    DELETE("delete the probe object", "s3:DeleteObject");

    private final String action;
    private final String permission;

    Step(String action, String permission) {
      this.action = action;
      this.permission = permission;
    }
  }
}
