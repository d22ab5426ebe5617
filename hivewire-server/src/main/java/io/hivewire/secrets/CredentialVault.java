package io.hivewire.secrets;

import java.util.Objects;
import java.util.UUID;

/**
 * Seals and opens the credentials of routing destinations. Each part is bound to its destination
 * and field, so a sealed value copied to another row or field does not open.
 */
public final class CredentialVault {

  private final SecretCipher cipher;

  public CredentialVault(SecretCipher cipher) {
    this.cipher = Objects.requireNonNull(cipher, "cipher is null");
  }

  public SealedCredentials seal(UUID destinationId, AccessKey key) {
    return new SealedCredentials(
        AccessKeyIds.mask(key.accessKeyId()),
        cipher.encrypt(key.accessKeyId(), context(destinationId, "accessKeyId")),
        cipher.encrypt(key.secretAccessKey(), context(destinationId, "secretAccessKey")));
  }

  public AccessKey open(UUID destinationId, SealedCredentials sealed) {
    return new AccessKey(
        cipher.decrypt(sealed.sealedAccessKeyId(), context(destinationId, "accessKeyId")),
        cipher.decrypt(sealed.sealedSecretAccessKey(), context(destinationId, "secretAccessKey")));
  }

  private static String context(UUID destinationId, String field) {
    return "routing-destination/" + destinationId + "/" + field;
  }
}
