package io.hivewire.s3;

import java.util.Objects;

/**
 * A failed object-store call, translated once at the S3 boundary: what went wrong, on which bucket
 * and key, and whether trying again can help.
 */
public final class ObjectStoreException extends RuntimeException {

  /** What kind of failure this is; decides retries and the message a user sees. */
  public enum Reason {
    /** The credentials are valid but lack a permission (403 AccessDenied). */
    ACCESS_DENIED(false),
    /** The access key id is unknown or the secret key does not match the signature. */
    INVALID_CREDENTIALS(false),
    /** No credentials were found to sign with (the default chain found none). */
    NO_CREDENTIALS(false),
    /** The bucket does not exist. */
    NO_SUCH_BUCKET(false),
    /** The key does not exist. */
    NO_SUCH_KEY(false),
    /** The bucket lives in another region than the one configured. */
    WRONG_REGION(false),
    /** A conditional write found the key already present (412 or 409 on If-None-Match). */
    PRECONDITION_FAILED(false),
    /** The KMS key cannot be used by these credentials. */
    KMS_ACCESS_DENIED(false),
    /** The endpoint does not support a feature that was asked for (501). */
    NOT_IMPLEMENTED(false),
    /** The request itself is invalid (400 other than the above). */
    INVALID_REQUEST(false),
    /** 429/503 SlowDown: back off and try again. */
    THROTTLED(true),
    /** 5xx: the service failed; try again. */
    SERVER_ERROR(true),
    /** The connection failed, was reset, or timed out; try again. */
    NETWORK(true),
    /** Anything else. */
    UNKNOWN(false);

    private final boolean retryable;

    Reason(boolean retryable) {
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }

  private final Reason reason;
  private final String bucket;
  private final String key;

  public ObjectStoreException(
      Reason reason, String bucket, String key, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason is null");
    this.bucket = Objects.requireNonNull(bucket, "bucket is null");
    this.key = Objects.requireNonNull(key, "key is null");
  }

  public ObjectStoreException(Reason reason, String bucket, String key, String message) {
    this(reason, bucket, key, message, null);
  }

  public Reason reason() {
    return reason;
  }

  public String bucket() {
    return bucket;
  }

  /** The key or prefix the call was about; empty for bucket-level calls. */
  public String key() {
    return key;
  }

  public boolean retryable() {
    return reason.retryable();
  }
}
