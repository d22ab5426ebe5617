package io.hivewire.s3;

import io.hivewire.s3.ObjectStoreException.Reason;

/** The failures {@link InMemoryObjectStore} raises, worded as the SDK-backed store words them. */
final class InMemoryErrors {

  private InMemoryErrors() {}

  static ObjectStoreException noSuchBucket(S3Operation operation, String bucket, String key) {
    return new ObjectStoreException(
        Reason.NO_SUCH_BUCKET,
        bucket,
        key,
        operation.apiName()
            + " s3://"
            + bucket
            + "/"
            + key
            + " failed: bucket '"
            + bucket
            + "' does not exist (404 NoSuchBucket). Check the bucket name, or create the bucket.");
  }

  static ObjectStoreException noSuchKey(S3Operation operation, S3Location location) {
    return failure(
        Reason.NO_SUCH_KEY,
        operation,
        location,
        "failed: there is no object at " + location + " (404 NoSuchKey).");
  }

  static ObjectStoreException noSuchUpload(S3Operation operation, S3Location location) {
    return failure(
        Reason.NO_SUCH_KEY,
        operation,
        location,
        "failed: the multipart upload does not exist (404 NoSuchUpload); it was completed or"
            + " aborted already.");
  }

  static ObjectStoreException preconditionFailed(S3Operation operation, S3Location location) {
    return failure(
        Reason.PRECONDITION_FAILED,
        operation,
        location,
        "was refused (412 PreconditionFailed): an object already exists at "
            + location
            + " and the write asked never to overwrite one (If-None-Match: *).");
  }

  static ObjectStoreException invalidRange(S3Location location, long size, long offset) {
    return failure(
        Reason.INVALID_REQUEST,
        S3Operation.GET_OBJECT,
        location,
        "was rejected as invalid (416 InvalidRange): the object has "
            + size
            + " bytes, the range starts at "
            + offset
            + ".");
  }

  static ObjectStoreException invalidPart(S3Location location, String code, String detail) {
    return failure(
        Reason.INVALID_REQUEST,
        S3Operation.COMPLETE_MULTIPART_UPLOAD,
        location,
        "was rejected as invalid (400 " + code + "): " + detail + ".");
  }

  private static ObjectStoreException failure(
      Reason reason, S3Operation operation, S3Location location, String what) {
    return new ObjectStoreException(
        reason,
        location.bucket(),
        location.key(),
        operation.apiName() + " " + location + " " + what);
  }
}
