package io.hivewire.s3;

import java.util.Objects;

/** Server-side encryption asked for when writing an object. */
public sealed interface Encryption {

  /** No encryption header: the bucket's default applies. */
  record None() implements Encryption {}

  /** SSE-S3: {@code x-amz-server-side-encryption: AES256}. */
  record S3Managed() implements Encryption {}

  /** SSE-KMS with a customer-managed key (id, alias or ARN). */
  record Kms(String keyId) implements Encryption {
    public Kms {
      Objects.requireNonNull(keyId, "keyId is null");
      if (keyId.isBlank()) {
        throw new IllegalArgumentException("a KMS key id is required for SSE-KMS");
      }
    }
  }

  /**
   * An encryption this version does not know, as read from stored state (e.g. written by a newer
   * version): nothing may be written with it, since writing without encryption would silently
   * downgrade what was asked for.
   */
  record Unknown(String stored) implements Encryption {
    public Unknown {
      Objects.requireNonNull(stored, "stored is null");
    }
  }

  static Encryption none() {
    return new None();
  }
}
