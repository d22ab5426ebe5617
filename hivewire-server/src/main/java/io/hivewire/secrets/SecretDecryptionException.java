package io.hivewire.secrets;

/** A stored secret cannot be decrypted: wrong master key, another context, or damaged. */
public class SecretDecryptionException extends RuntimeException {

  public SecretDecryptionException(String message) {
    super(message);
  }
}
