package io.hivewire.secrets;

import java.util.Objects;

/** An S3 access key pair in the clear, only in memory; printing it shows the masked id only. */
public record AccessKey(String accessKeyId, String secretAccessKey) {

  public AccessKey {
    Objects.requireNonNull(accessKeyId, "accessKeyId is null");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey is null");
    if (accessKeyId.isBlank() || secretAccessKey.isBlank()) {
      throw new IllegalArgumentException(
          "accessKeyId and secretAccessKey are both required: copy them from the IAM user's"
              + " security credentials");
    }
  }

  @Override
  public String toString() {
    return "AccessKey[" + AccessKeyIds.mask(accessKeyId) + ", secret redacted]";
  }
}
