package io.hivewire.secrets;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The 256-bit AES key that encrypts stored secrets. Its bytes never leave this package and it never
 * prints them.
 */
public final class MasterKey {

  /** AES-256. */
  public static final int LENGTH_BYTES = 32;

  private final byte[] key;

  private MasterKey(byte[] key) {
    this.key = key.clone();
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

  @Override
  public String toString() {
    return "MasterKey[redacted]";
  }
}
