package io.hivewire.routing;

import io.hivewire.s3.ObjectStoreException;

/**
 * An upload failed in a way retrying cannot fix (missing permission, missing bucket, unusable KMS
 * key): the destination stops, with this message as its status, and the data stays in the log.
 */
final class UploadStoppedException extends RuntimeException {

  public UploadStoppedException(String message, ObjectStoreException cause) {
    super(message, cause);
  }

  /** The message a user sees: what failed and the permission or fix it needs. */
  static UploadStoppedException of(ObjectStoreException e, String bucket, String prefix) {
    String resource = "arn:aws:s3:::" + bucket + "/" + prefix + "*";
    String what =
        switch (e.reason()) {
          case ACCESS_DENIED ->
              "access denied writing to s3://"
                  + bucket
                  + "/"
                  + prefix
                  + ": grant the routing credentials s3:PutObject (and s3:AbortMultipartUpload,"
                  + " s3:ListBucketMultipartUploads for recovery) on "
                  + resource;
          case KMS_ACCESS_DENIED ->
              "the KMS key of this destination cannot be used for s3://"
                  + bucket
                  + "/"
                  + prefix
                  + ": grant the routing credentials kms:GenerateDataKey and kms:Decrypt on the"
                  + " key (and check that the key is enabled)";
          case NO_SUCH_BUCKET ->
              "bucket '" + bucket + "' does not exist: create it or correct the destination";
          case INVALID_CREDENTIALS ->
              "the access key for s3://"
                  + bucket
                  + " was rejected (unknown key id or wrong secret): update the credentials";
          case WRONG_REGION ->
              "bucket '" + bucket + "' is in another region: correct the destination's region";
          case NOT_IMPLEMENTED ->
              "the S3 endpoint does not support a feature this destination uses (for example the"
                  + " encryption setting): change the destination's encryption or endpoint";
          default -> "upload to s3://" + bucket + "/" + prefix + " failed";
        };
    return new UploadStoppedException(what + " (" + e.getMessage() + ")", e);
  }
}
