package io.hivewire.secrets;

import java.util.Objects;

/** S3 credentials as stored: the access key id masked for display, and both parts encrypted. */
public record SealedCredentials(
    String maskedAccessKeyId, String sealedAccessKeyId, String sealedSecretAccessKey) {

  public SealedCredentials {
    Objects.requireNonNull(maskedAccessKeyId, "maskedAccessKeyId is null");
    Objects.requireNonNull(sealedAccessKeyId, "sealedAccessKeyId is null");
    Objects.requireNonNull(sealedSecretAccessKey, "sealedSecretAccessKey is null");
  }
}
