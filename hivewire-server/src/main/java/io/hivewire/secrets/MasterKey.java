package io.hivewire.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit AES key that encrypts stored secrets. Its bytes never leave this package and it never
 * prints them.
 */
public final class MasterKey {

  /** AES-256. */
  public static final int LENGTH_BYTES = 32;

  /** Hex digits of a fingerprint: 64 bits, enough to tell keys apart, nothing to recover one. */
  private static final int FINGERPRINT_BYTES = 8;

  private static final byte[] FINGERPRINT_LABEL =
      "hivewire master key fingerprint".getBytes(StandardCharsets.US_ASCII);

  private final byte[] key;
  private final String fingerprint;

  private MasterKey(byte[] key) {
    this.key = key.clone();
    this.fingerprint = fingerprintOf(key);
  }

  /** A new random key as base64, as {@link #fromBase64} reads it. */
  public static String newBase64(SecureRandom random) {
    byte[] bytes = new byte[LENGTH_BYTES];
    random.nextBytes(bytes);
    String base64 = Base64.getEncoder().encodeToString(bytes);
    Arrays.fill(bytes, (byte) 0);
    return base64;
  }

  /**
   * Decodes a base64 key of exactly 32 bytes; {@code origin} names where it came from, for the
   * message when it is not one.
   */
  public static MasterKey fromBase64(String base64, String origin) {
    Objects.requireNonNull(base64, "base64 is null");
    Objects.requireNonNull(origin, "origin is null");
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the master key in "
              + origin
              + " is not base64: generate one with `openssl rand -base64 32`",
          e);
    }
    if (decoded.length != LENGTH_BYTES) {
      throw new IllegalArgumentException(
          "the master key in "
              + origin
              + " is "
              + decoded.length
              + " bytes: it must be 32 bytes (base64 of `openssl rand -base64 32`)");
    }
    MasterKey masterKey = new MasterKey(decoded);
    Arrays.fill(decoded, (byte) 0);
    return masterKey;
  }

  byte[] bytes() {
    return key.clone();
  }

  /**
   * Names the key without revealing it (an HMAC of a fixed label under the key, 16 hex digits): two
   * nodes print the same fingerprint exactly when they hold the same key.
   */
  public String fingerprint() {
    return fingerprint;
  }

  private static String fingerprintOf(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of()
          .formatHex(Arrays.copyOf(mac.doFinal(FINGERPRINT_LABEL), FINGERPRINT_BYTES));
    } catch (GeneralSecurityException e) {
      // HMAC-SHA256 is mandatory in every Java runtime: reaching here means a broken JDK.
      throw new IllegalStateException("HmacSHA256 is unavailable in this Java runtime", e);
    }
  }

  @Override
  public String toString() {
    return "MasterKey[redacted]";
  }
}
