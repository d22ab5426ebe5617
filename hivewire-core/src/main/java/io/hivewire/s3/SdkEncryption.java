package io.hivewire.s3;

import java.util.Optional;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** The SSE request headers an {@link Encryption} asks for. */
final class SdkEncryption {

  private SdkEncryption() {}

  /** {@code x-amz-server-side-encryption}, absent when the bucket default applies. */
  static Optional<ServerSideEncryption> algorithm(Encryption encryption) {
    return switch (encryption) {
      case Encryption.None none -> Optional.empty();
      case Encryption.S3Managed s3Managed -> Optional.of(ServerSideEncryption.AES256);
      case Encryption.Kms kms -> Optional.of(ServerSideEncryption.AWS_KMS);
      case Encryption.Unknown unknown ->
          throw new IllegalStateException(
              "the encryption '"
                  + unknown.stored()
                  + "' is not known: nothing is written rather than written without it");
    };
  }

  /** {@code x-amz-server-side-encryption-aws-kms-key-id}, for SSE-KMS only. */
  static Optional<String> kmsKeyId(Encryption encryption) {
    return encryption instanceof Encryption.Kms kms ? Optional.of(kms.keyId()) : Optional.empty();
  }
}
