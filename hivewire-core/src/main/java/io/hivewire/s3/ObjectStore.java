package io.hivewire.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The object-store operations hivewire needs. Implementations translate every failure into an
 * {@link ObjectStoreException} naming the bucket and key; they are safe for concurrent use.
 */
public interface ObjectStore extends AutoCloseable {

  /** One page of a ListObjectsV2 listing. */
  ListPage list(ListRequest request);

  /** Walks every page of a listing, handing each page to {@code consumer} as it arrives. */
  default void listAll(ListRequest request, Consumer<ListPage> consumer) {
    ListRequest next = request;
    while (true) {
      ListPage page = list(next);
      consumer.accept(page);
      if (page.nextToken().isEmpty()) {
        return;
      }
      next = next.withContinuationToken(page.nextToken().get());
    }
  }

  /** Every object under a prefix, at any depth. Loads the whole listing into memory. */
  default List<ObjectInfo> listRecursively(String bucket, String prefix) {
    List<ObjectInfo> all = new ArrayList<>();
    listAll(ListRequest.recursive(bucket, prefix), page -> all.addAll(page.objects()));
    return all;
  }

  /**
   * HEAD of one object; empty when the key does not exist, and also when the bucket does not (S3
   * answers both with a bare 404).
   */
  Optional<ObjectInfo> head(S3Location location);

  /** Streams a whole object; the caller closes the stream. */
  InputStream open(S3Location location);

  /** Streams {@code length} bytes from {@code offset} (a ranged GET); the caller closes it. */
  InputStream openRange(S3Location location, long offset, long length);

  /** Reads {@code length} bytes from {@code offset} into memory. */
  default byte[] readRange(S3Location location, long offset, int length) {
    try (InputStream in = openRange(location, offset, length)) {
      return in.readNBytes(length);
    } catch (IOException e) {
      throw new ObjectStoreException(
          ObjectStoreException.Reason.NETWORK,
          location.bucket(),
          location.key(),
          "reading " + length + " bytes at " + offset + " of " + location + " failed: " + e,
          e);
    }
  }

  /** Writes a small object from memory. */
  ObjectInfo put(S3Location location, byte[] body, PutOptions options);

  /** Writes an object from a local file in one request. */
  ObjectInfo put(S3Location location, Path file, PutOptions options);

  /** Deletes one object; deleting a missing key is not an error. */
  void delete(S3Location location);

  /** The region the bucket lives in, as the service reports it. */
  String bucketRegion(String bucket);

  /** Multipart uploads, where the store supports them. */
  default Optional<SupportsMultipartUpload> multipart() {
    return Optional.empty();
  }

  /** Bucket creation, where the store supports it. */
  default Optional<SupportsBucketCreation> bucketCreation() {
    return Optional.empty();
  }

  /** The number of requests sent so far, per operation; for benchmarks and tests. */
  RequestCounts requestCounts();

  @Override
  void close();

  /** Wraps an {@link IOException} from a local file as an unchecked error naming the file. */
  static UncheckedIOException localFileError(Path file, IOException e) {
    return new UncheckedIOException("cannot read local file " + file + ": " + e.getMessage(), e);
  }
}
