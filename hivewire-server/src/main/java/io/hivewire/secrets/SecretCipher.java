package io.hivewire.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets for storage with AES-256-GCM under the master key. The stored text is {@code
 * v2:}, the master key's fingerprint, {@code :} and the base64 of a random 12-byte nonce followed
 * by the ciphertext and tag ({@code v1:} values, without the fingerprint, still decrypt). The
 * fingerprint lets a node holding another key say so, rather than fail to decrypt. The context
 * (e.g. the destination id and field) is authenticated, so a ciphertext copied to another row does
 * not decrypt.
 */
public final class SecretCipher {

  private static final String V1 = "v1:";
  private static final String V2 = "v2:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final String fingerprint;
  private final SecureRandom random;

  public SecretCipher(MasterKey masterKey, SecureRandom random) {
    byte[] bytes = masterKey.bytes();
    this.key = new SecretKeySpec(bytes, "AES");
    Arrays.fill(bytes, (byte) 0);
    this.fingerprint = masterKey.fingerprint();
    this.random = Objects.requireNonNull(random, "random is null");
  }

  /** The stored form of {@code plaintext}, bound to {@code context}. */
  public String encrypt(String plaintext, String context) {
    Objects.requireNonNull(plaintext, "plaintext is null");
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] encrypted =
        run(Cipher.ENCRYPT_MODE, nonce, context, plaintext.getBytes(StandardCharsets.UTF_8));
    ByteBuffer stored =
        ByteBuffer.allocate(NONCE_BYTES + encrypted.length).put(nonce).put(encrypted);
    return V2 + fingerprint + ":" + Base64.getEncoder().encodeToString(stored.array());
  }

  /**
   * The plaintext of a stored secret; fails when it was encrypted under another master key or for
   * another context.
   */
  public String decrypt(String stored, String context) {
    Objects.requireNonNull(stored, "stored is null");
    String sealed;
    if (stored.startsWith(V2)) {
      int colon = stored.indexOf(':', V2.length());
      if (colon < 0) {
        throw new SecretDecryptionException(
            "a stored secret for " + context + " is damaged (no key fingerprint): set it again");
      }
      String storedWith = stored.substring(V2.length(), colon);
      if (!storedWith.equals(fingerprint)) {
        throw new MasterKeyMismatchException(context, storedWith, fingerprint);
      }
      sealed = stored.substring(colon + 1);
    } else if (stored.startsWith(V1)) {
      sealed = stored.substring(V1.length());
    } else {
      throw new SecretDecryptionException(
          "a stored secret for " + context + " is not in the v1 or v2 format: set it again");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(sealed);
    } catch (IllegalArgumentException e) {
      throw new SecretDecryptionException(
          "a stored secret for " + context + " is damaged (not base64): set it again");
    }
    if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new SecretDecryptionException(
          "a stored secret for " + context + " is damaged (too short): set it again");
    }
    byte[] nonce = Arrays.copyOf(bytes, NONCE_BYTES);
    byte[] ciphertext = Arrays.copyOfRange(bytes, NONCE_BYTES, bytes.length);
    return new String(run(Cipher.DECRYPT_MODE, nonce, context, ciphertext), StandardCharsets.UTF_8);
  }

  private byte[] run(int mode, byte[] nonce, String context, byte[] input) {
    Objects.requireNonNull(context, "context is null");
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw new SecretDecryptionException(
          "a stored secret for "
              + context
              + " does not decrypt with this master key: start with the master key it was stored"
              + " under ("
              + MasterKeySource.ENVIRONMENT_VARIABLE
              + ", master-key-file or "
              + MasterKeySource.KEY_FILE
              + "), or set the secret again");
    } catch (GeneralSecurityException e) {
      // AES-GCM is mandatory in every Java runtime: reaching here means a broken JDK.
      throw new IllegalStateException("AES-GCM is unavailable in this Java runtime", e);
    }
  }
}
