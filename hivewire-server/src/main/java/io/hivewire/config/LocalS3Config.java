package io.hivewire.config;

import java.util.Objects;

/** The in-process S3-compatible endpoint used to try hivewire without AWS. */
public record LocalS3Config(boolean enabled, int port, String accessKey, Secret secretKey) {

  public LocalS3Config {
    Objects.requireNonNull(accessKey, "accessKey is null");
    Objects.requireNonNull(secretKey, "secretKey is null");
  }

  public LocalS3Config withEnabled(boolean value) {
    return new LocalS3Config(value, port, accessKey, secretKey);
  }
}
