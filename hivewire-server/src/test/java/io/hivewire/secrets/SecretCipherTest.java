package io.hivewire.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  private final SecretCipher cipher = new SecretCipher(key('a'), new SecureRandom());

  @Test
  void encryptedSecretDecryptsInItsContext() {
    String stored = cipher.encrypt(SECRET, "routing/1/secretAccessKey");

    assertThat(cipher.decrypt(stored, "routing/1/secretAccessKey")).isEqualTo(SECRET);
  }

  @Test
  void storedFormNeitherContainsNorRepeatsTheSecret() {
    String first = cipher.encrypt(SECRET, "routing/1/secretAccessKey");
    String second = cipher.encrypt(SECRET, "routing/1/secretAccessKey");

    assertThat(first)
        .startsWith("v2:" + key('a').fingerprint() + ":")
        .doesNotContain(SECRET)
        .isNotEqualTo(second);
    assertThat(
            new String(Base64.getDecoder().decode(sealedPart(first)), StandardCharsets.ISO_8859_1))
        .doesNotContain(SECRET);
  }

  @Test
  void secretCopiedToAnotherContextDoesNotDecrypt() {
    String stored = cipher.encrypt(SECRET, "routing/1/secretAccessKey");

    assertThatThrownBy(() -> cipher.decrypt(stored, "routing/2/secretAccessKey"))
        .isInstanceOf(SecretDecryptionException.class)
        .hasMessageStartingWith(
            "a stored secret for routing/2/secretAccessKey does not decrypt with this master key");
  }

  @Test
  void secretUnderAnotherMasterKeyNamesBothKeysFingerprintsAndTheFix() {
    String stored = cipher.encrypt(SECRET, "ctx");
    SecretCipher other = new SecretCipher(key('b'), new SecureRandom());

    assertThatThrownBy(() -> other.decrypt(stored, "ctx"))
        .isInstanceOfSatisfying(
            MasterKeyMismatchException.class,
            e -> {
              assertThat(e.storedWith()).isEqualTo(key('a').fingerprint());
              assertThat(e.nodeHas()).isEqualTo(key('b').fingerprint());
            })
        .hasMessage(
            "a stored secret for ctx was encrypted with master key "
                + key('a').fingerprint()
                + "; this node has "
                + key('b').fingerprint()
                + ": give every node the same master key (master-key / HIVEWIRE_MASTER_KEY, or"
                + " master-key-file)");
  }

  @Test
  void secretStoredBeforeFingerprintsStillDecryptsAndOtherKeysStillFail() {
    String v2 = cipher.encrypt(SECRET, "ctx");
    String v1 = "v1:" + sealedPart(v2);

    assertThat(cipher.decrypt(v1, "ctx")).isEqualTo(SECRET);
    assertThatThrownBy(() -> new SecretCipher(key('b'), new SecureRandom()).decrypt(v1, "ctx"))
        .isInstanceOf(SecretDecryptionException.class)
        .isNotInstanceOf(MasterKeyMismatchException.class)
        .hasMessageStartingWith("a stored secret for ctx does not decrypt with this master key");
  }

  @Test
  void fingerprintIsStableForAKeyAndDiffersBetweenKeys() {
    assertThat(key('a').fingerprint())
        .matches("[0-9a-f]{16}")
        .isEqualTo(key('a').fingerprint())
        .isNotEqualTo(key('b').fingerprint());
  }

  @Test
  void tamperedCiphertextIsRejected() {
    String stored = cipher.encrypt(SECRET, "ctx");
    byte[] bytes = Base64.getDecoder().decode(sealedPart(stored));
    bytes[bytes.length - 1] ^= 1;
    String tampered =
        stored.substring(0, stored.lastIndexOf(':') + 1)
            + Base64.getEncoder().encodeToString(bytes);

    assertThatThrownBy(() -> cipher.decrypt(tampered, "ctx"))
        .isInstanceOf(SecretDecryptionException.class);
  }

  @Test
  void unknownFormatIsRejectedWithAFix() {
    assertThatThrownBy(() -> cipher.decrypt(SECRET, "ctx"))
        .isInstanceOf(SecretDecryptionException.class)
        .hasMessage("a stored secret for ctx is not in the v1 or v2 format: set it again");
  }

  @Test
  void masterKeyOfTheWrongLengthIsRejected() {
    assertThatThrownBy(
            () -> MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16]), "TEST"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the master key in TEST is 16 bytes: it must be 32 bytes (base64 of `openssl rand"
                + " -base64 32`)");
  }

  @Test
  void masterKeyNeverPrintsItsBytes() {
    assertThat(key('a').toString()).isEqualTo("MasterKey[redacted]");
  }

  @Test
  void accessKeyIdIsMaskedToItsEnds() {
    assertThat(AccessKeyIds.mask("AKIAIOSFODNN7EXAMPLE")).isEqualTo("AKIA…MPLE");
    assertThat(AccessKeyIds.mask("SHORTKEY")).isEqualTo("…");
  }

  /** The base64 of nonce, ciphertext and tag: what follows the format and fingerprint. */
  private static String sealedPart(String stored) {
    return stored.substring(stored.lastIndexOf(':') + 1);
  }

  private static MasterKey key(char fill) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) fill);
    return MasterKey.fromBase64(Base64.getEncoder().encodeToString(bytes), "test");
  }
}
