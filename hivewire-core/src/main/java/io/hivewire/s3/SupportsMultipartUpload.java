package io.hivewire.s3;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Multipart uploads: large objects written in parts that can be sent in parallel. */
public interface SupportsMultipartUpload {

  /** The smallest size S3 accepts for every part but the last: 5 MiB. */
  long MIN_PART_SIZE = 5L * 1024 * 1024;

  /** A part that was uploaded: its number (1-based) and the ETag the store returned. */
  record CompletedPart(int partNumber, String etag) {
    public CompletedPart {
      Objects.requireNonNull(etag, "etag is null");
      if (partNumber < 1 || partNumber > 10_000) {
        throw new IllegalArgumentException("part number must be 1..10000, got " + partNumber);
      }
    }
  }

  /** A multipart upload that was started and neither completed nor aborted. */
  record PendingUpload(String key, String uploadId, Instant initiated) {
    public PendingUpload {
      Objects.requireNonNull(key, "key is null");
      Objects.requireNonNull(uploadId, "uploadId is null");
      Objects.requireNonNull(initiated, "initiated is null");
    }
  }

  /** Starts an upload and returns its id. */
  String start(S3Location location, PutOptions options);

  /** Uploads bytes {@code [offset, offset + length)} of {@code file} as part {@code partNumber}. */
  CompletedPart uploadPart(
      S3Location location, String uploadId, int partNumber, Path file, long offset, long length);

  /**
   * Completes the upload. With {@code options.ifNoneMatch()} the completion fails with {@link
   * ObjectStoreException.Reason#PRECONDITION_FAILED} when the key already exists.
   */
  ObjectInfo complete(
      S3Location location, String uploadId, List<CompletedPart> parts, PutOptions options);

  /** Aborts the upload; aborting one that is already gone is not an error. */
  void abort(S3Location location, String uploadId);

  /** Uploads under a prefix that were started and never completed or aborted. */
  List<PendingUpload> listPending(String bucket, String prefix);
}
