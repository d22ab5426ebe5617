package io.hivewire.routing;

import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.ObjectStoreException;
import io.hivewire.s3.ObjectStoreException.Reason;
import io.hivewire.s3.PutOptions;
import io.hivewire.s3.S3Location;
import io.hivewire.s3.SupportsMultipartUpload;
import io.hivewire.s3.SupportsMultipartUpload.CompletedPart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes finished files to the bucket without ever writing a key twice: one PutObject for small
 * files, a multipart upload (8 MiB parts in parallel) for large ones, both conditional ({@code
 * If-None-Match: *}) so that a replayed file that is already there counts as uploaded.
 */
public final class Uploader {

  private static final Logger LOG = LoggerFactory.getLogger(Uploader.class);

  /** The size of one multipart part. */
  public static final long PART_BYTES = 8L * 1024 * 1024;

  /** Files from this size up go as multipart uploads. */
  public static final long MULTIPART_THRESHOLD_BYTES = 2 * PART_BYTES;

  /** What happened to a file. */
  public enum Outcome {
    /** This call wrote the object. */
    UPLOADED,
    /** The key was already there: an earlier run wrote this same file. */
    ALREADY_PRESENT
  }

  private final ObjectStore store;
  private final String bucket;
  private final PutOptions options;
  private final Retrier retrier;
  private final ExecutorService partExecutor;
  private final AtomicBoolean conditionalWrites = new AtomicBoolean(true);

  public Uploader(
      ObjectStore store,
      String bucket,
      PutOptions options,
      Retrier retrier,
      ExecutorService partExecutor) {
    this.store = Objects.requireNonNull(store, "store is null");
    this.bucket = Objects.requireNonNull(bucket, "bucket is null");
    this.options = Objects.requireNonNull(options, "options is null");
    this.retrier = Objects.requireNonNull(retrier, "retrier is null");
    this.partExecutor = Objects.requireNonNull(partExecutor, "partExecutor is null");
  }

  /** Uploads {@code file} as {@code key}, retrying transient failures. */
  public Outcome upload(Path file, String key) {
    S3Location location = new S3Location(bucket, key);
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read spill file " + file + ": " + e, e);
    }
    Optional<SupportsMultipartUpload> multipart =
        size >= MULTIPART_THRESHOLD_BYTES ? store.multipart() : Optional.empty();
    if (multipart.isPresent()) {
      return uploadInParts(multipart.get(), location, file, size);
    }
    return retrier.call("PutObject " + location, () -> put(location, file));
  }

  private Outcome put(S3Location location, Path file) {
    if (!conditionalWrites.get()) {
      if (store.head(location).isPresent()) {
        return Outcome.ALREADY_PRESENT;
      }
      store.put(location, file, options.withIfNoneMatch(false));
      return Outcome.UPLOADED;
    }
    try {
      store.put(location, file, options.withIfNoneMatch(true));
      return Outcome.UPLOADED;
    } catch (ObjectStoreException e) {
      if (e.reason() == Reason.PRECONDITION_FAILED) {
        return Outcome.ALREADY_PRESENT;
      }
      if (e.reason() == Reason.NOT_IMPLEMENTED && conditionalWrites.compareAndSet(true, false)) {
        LOG.warn(
            "the endpoint of bucket {} does not support conditional writes (If-None-Match):"
                + " checking with HEAD before each upload instead",
            bucket);
        return put(location, file);
      }
      throw e;
    }
  }

  private Outcome uploadInParts(
      SupportsMultipartUpload multipart, S3Location location, Path file, long size) {
    PutOptions conditional = options.withIfNoneMatch(conditionalWrites.get());
    String uploadId =
        retrier.call("CreateMultipartUpload " + location, () -> multipart.start(location, options));
    try {
      List<CompletedPart> parts = uploadParts(multipart, location, uploadId, file, size);
      retrier.call(
          "CompleteMultipartUpload " + location,
          () -> multipart.complete(location, uploadId, parts, conditional));
      return Outcome.UPLOADED;
    } catch (ObjectStoreException e) {
      abortKeepingCause(multipart, location, uploadId, e);
      if (e.reason() == Reason.PRECONDITION_FAILED
          || (e.reason() == Reason.NO_SUCH_KEY && store.head(location).isPresent())) {
        return Outcome.ALREADY_PRESENT;
      }
      throw e;
    } catch (RuntimeException e) {
      abortKeepingCause(multipart, location, uploadId, e);
      throw e;
    }
  }

  private List<CompletedPart> uploadParts(
      SupportsMultipartUpload multipart,
      S3Location location,
      String uploadId,
      Path file,
      long size) {
    List<Future<CompletedPart>> pending = new ArrayList<>();
    int partNumber = 1;
    for (long offset = 0; offset < size; offset += PART_BYTES, partNumber++) {
      int number = partNumber;
      long from = offset;
      long length = Math.min(PART_BYTES, size - offset);
      pending.add(
          partExecutor.submit(
              () ->
                  retrier.call(
                      "UploadPart " + number + " of " + location,
                      () -> multipart.uploadPart(location, uploadId, number, file, from, length))));
    }
    List<CompletedPart> parts = new ArrayList<>(pending.size());
    try {
      for (Future<CompletedPart> part : pending) {
        parts.add(part.get());
      }
      return parts;
    } catch (ExecutionException e) {
      pending.forEach(p -> p.cancel(true));
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("part upload of " + location + " failed: " + e.getCause(), e);
    } catch (InterruptedException e) {
      pending.forEach(p -> p.cancel(true));
      Thread.currentThread().interrupt();
      throw new java.util.concurrent.CancellationException(
          "interrupted while uploading parts of " + location);
    }
  }

  private static void abortKeepingCause(
      SupportsMultipartUpload multipart, S3Location location, String uploadId, Exception cause) {
    try {
      multipart.abort(location, uploadId);
    } catch (RuntimeException abortFailure) {
      cause.addSuppressed(abortFailure);
    }
  }

  /**
   * Aborts multipart uploads that this worker started under {@code namer}'s prefix and never
   * finished (a crash mid-upload); recovery rebuilds and uploads those files again.
   */
  public int abortOrphans(ObjectNamer namer) {
    return abortPending(namer.prefix(), upload -> namer.isOwnKey(upload.key()));
  }

  /**
   * Aborts the multipart uploads under {@code prefix} begun before {@code startedBefore}, whoever
   * began them. When several nodes route one destination, a node that dies mid-upload leaves one
   * behind that no node finishes (the next owner of its partition uploads the file anew), and its
   * parts would be stored, and billed, until a lifecycle rule removed them.
   */
  public int abortStale(String prefix, Instant startedBefore) {
    return abortPending(prefix, upload -> upload.initiated().isBefore(startedBefore));
  }

  private int abortPending(String prefix, Predicate<SupportsMultipartUpload.PendingUpload> dead) {
    Optional<SupportsMultipartUpload> multipart = store.multipart();
    if (multipart.isEmpty()) {
      return 0;
    }
    int aborted = 0;
    for (SupportsMultipartUpload.PendingUpload upload :
        retrier.call(
            "ListMultipartUploads s3://" + bucket + "/" + prefix,
            () -> multipart.get().listPending(bucket, prefix))) {
      if (dead.test(upload)) {
        S3Location location = new S3Location(bucket, upload.key());
        retrier.call(
            "AbortMultipartUpload " + location,
            () -> {
              multipart.get().abort(location, upload.uploadId());
              return null;
            });
        LOG.info(
            "aborted unfinished multipart upload of {} started {}", location, upload.initiated());
        aborted++;
      }
    }
    return aborted;
  }
}
