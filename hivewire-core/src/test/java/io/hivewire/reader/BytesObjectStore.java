package io.hivewire.reader;

import io.hivewire.s3.ListPage;
import io.hivewire.s3.ListRequest;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.ObjectStoreException;
import io.hivewire.s3.PutOptions;
import io.hivewire.s3.RequestCounts;
import io.hivewire.s3.S3Location;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An object store holding real bytes in memory, for reader tests: answers ranged GETs exactly as S3
 * does and counts them, so a test can assert how many requests a read cost.
 */
public final class BytesObjectStore implements ObjectStore {

  private final Map<S3Location, byte[]> objects =
      new ConcurrentSkipListMap<>(
          java.util.Comparator.comparing(S3Location::bucket).thenComparing(S3Location::key));
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  /** Stores {@code bytes} at {@code bucket/key} and returns its listing entry. */
  public ObjectInfo add(String bucket, String key, byte[] bytes) {
    return put(new S3Location(bucket, key), bytes, PutOptions.defaults());
  }

  /** How many GET requests (whole or ranged) were sent so far. */
  public long gets() {
    return requestCounts().get("GetObject");
  }

  @Override
  public ListPage list(ListRequest request) {
    count("ListObjectsV2");
    List<ObjectInfo> found = new ArrayList<>();
    objects.forEach(
        (location, bytes) -> {
          if (location.bucket().equals(request.bucket())
              && location.key().startsWith(request.prefix())) {
            found.add(info(location, bytes));
          }
        });
    return new ListPage(found, List.of(), Optional.empty());
  }

  @Override
  public Optional<ObjectInfo> head(S3Location location) {
    count("HeadObject");
    return Optional.ofNullable(objects.get(location)).map(bytes -> info(location, bytes));
  }

  @Override
  public InputStream open(S3Location location) {
    count("GetObject");
    return new ByteArrayInputStream(bytesOf(location));
  }

  @Override
  public InputStream openRange(S3Location location, long offset, long length) {
    count("GetObject");
    byte[] bytes = bytesOf(location);
    if (offset < 0 || length < 0 || offset > bytes.length) {
      throw new ObjectStoreException(
          ObjectStoreException.Reason.INVALID_REQUEST,
          location.bucket(),
          location.key(),
          "range " + offset + "+" + length + " is outside " + location);
    }
    int end = (int) Math.min(bytes.length, offset + length);
    return new ByteArrayInputStream(Arrays.copyOfRange(bytes, (int) offset, end));
  }

  @Override
  public ObjectInfo put(S3Location location, byte[] body, PutOptions options) {
    count("PutObject");
    objects.put(location, body.clone());
    return info(location, body);
  }

  @Override
  public ObjectInfo put(S3Location location, Path file, PutOptions options) {
    try {
      return put(location, Files.readAllBytes(file), options);
    } catch (IOException e) {
      throw ObjectStore.localFileError(file, e);
    }
  }

  @Override
  public void delete(S3Location location) {
    count("DeleteObject");
    objects.remove(location);
  }

  @Override
  public String bucketRegion(String bucket) {
    return "us-east-1";
  }

  @Override
  public RequestCounts requestCounts() {
    Map<String, Long> snapshot = new TreeMap<>();
    counts.forEach((operation, n) -> snapshot.put(operation, n.get()));
    return new RequestCounts(snapshot);
  }

  @Override
  public void close() {}

  private byte[] bytesOf(S3Location location) {
    byte[] bytes = objects.get(location);
    if (bytes == null) {
      throw new ObjectStoreException(
          ObjectStoreException.Reason.NO_SUCH_KEY,
          location.bucket(),
          location.key(),
          location + " does not exist");
    }
    return bytes;
  }

  private static ObjectInfo info(S3Location location, byte[] bytes) {
    return new ObjectInfo(
        location.key(), bytes.length, Instant.EPOCH, Integer.toHexString(Arrays.hashCode(bytes)));
  }

  private void count(String operation) {
    counts.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet();
  }
}
