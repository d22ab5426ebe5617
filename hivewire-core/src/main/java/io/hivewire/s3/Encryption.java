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

  static Encryption none() {
    return new None();
  }
}
