package io.hivewire.s3;

import java.util.Objects;
import java.util.Optional;

/**
 * How to write an object.
 *
 * @param ifNoneMatch send {@code If-None-Match: *} so that an existing key is never overwritten
 */
public record PutOptions(Encryption encryption, boolean ifNoneMatch, Optional<String> contentType) {

  public PutOptions {
    Objects.requireNonNull(encryption, "encryption is null");
    Objects.requireNonNull(contentType, "contentType is null");
  }

  public static PutOptions defaults() {
    return new PutOptions(Encryption.none(), false, Optional.empty());
  }

  public PutOptions withEncryption(Encryption value) {
    return new PutOptions(value, ifNoneMatch, contentType);
  }

  public PutOptions withIfNoneMatch(boolean value) {
    return new PutOptions(encryption, value, contentType);
  }

  public PutOptions withContentType(String value) {
    return new PutOptions(encryption, ifNoneMatch, Optional.of(value));
  }
}
