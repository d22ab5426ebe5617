package io.hivewire.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A complete, thread-safe {@link ObjectStore} in memory, with multipart uploads, for tests and
 * trials: ListObjectsV2 order and paging, conditional puts, MD5 ETags, ranged reads, request
 * counts. Buckets must be created first, as on S3.
 */
public final class InMemoryObjectStore implements ObjectStore, SupportsMultipartUpload {

  private final InstantSource clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
  private final RequestCounter counter = new RequestCounter();
  private volatile boolean closed;

  /** An empty store whose objects are stamped with {@code clock}'s time. */
  public InMemoryObjectStore(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  /** An empty store on the system clock. */
  public InMemoryObjectStore() {
    this(InstantSource.system());
  }

  /** Creates a bucket in us-east-1 if it does not exist yet; returns this store. */
  public InMemoryObjectStore createBucket(String bucket) {
    return createBucket(bucket, "us-east-1");
  }

  /** Creates a bucket that reports {@code region} if it does not exist yet; returns this store. */
  public InMemoryObjectStore createBucket(String bucket, String region) {
    Objects.requireNonNull(bucket, "bucket is null");
    Objects.requireNonNull(region, "region is null");
    if (bucket.isEmpty() || bucket.contains("/")) {
      throw new IllegalArgumentException("bucket must be non-empty without '/': " + bucket);
    }
    buckets.putIfAbsent(bucket, new Bucket(region, new ConcurrentSkipListMap<>(KeyOrder.INSTANCE)));
    return this;
  }

  @Override
  public ListPage list(ListRequest request) {
    Bucket bucket = bucket(S3Operation.LIST_OBJECTS, request.bucket(), request.prefix());
    return InMemoryListing.page(bucket.objects(), request, e -> e.getValue().info(e.getKey()));
  }

  @Override
  public Optional<ObjectInfo> head(S3Location location) {
    counter.increment(S3Operation.HEAD_OBJECT.apiName());
    checkOpen();
    // S3 answers HEAD in a missing bucket with the same bare 404 as for a missing key.
    return Optional.ofNullable(buckets.get(location.bucket()))
        .map(bucket -> bucket.objects().get(location.key()))
        .map(o -> o.info(location.key()));
  }

  @Override
  public InputStream open(S3Location location) {
    return new ByteArrayInputStream(object(S3Operation.GET_OBJECT, location).bytes());
  }

  @Override
  public InputStream openRange(S3Location location, long offset, long length) {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException(
          "range of " + location + " needs offset and length >= 0, got " + offset + ", " + length);
    }
    if (length == 0) {
      return InputStream.nullInputStream();
    }
    byte[] bytes = object(S3Operation.GET_OBJECT, location).bytes();
    if (offset >= bytes.length) {
      throw InMemoryErrors.invalidRange(location, bytes.length, offset);
    }
    int end = (int) Math.min(bytes.length, offset + length);
    return new ByteArrayInputStream(bytes, (int) offset, end - (int) offset);
  }

  @Override
  public ObjectInfo put(S3Location location, byte[] body, PutOptions options) {
    Objects.requireNonNull(body, "body is null");
    Bucket bucket = bucket(S3Operation.PUT_OBJECT, location.bucket(), location.key());
    StoredObject object = new StoredObject(body.clone(), clock.instant(), etagOf(body));
    return store(S3Operation.PUT_OBJECT, bucket, location, object, options);
  }

  @Override
  public ObjectInfo put(S3Location location, Path file, PutOptions options) {
    byte[] body;
    try {
      body = Files.readAllBytes(file);
    } catch (IOException e) {
      throw ObjectStore.localFileError(file, e);
    }
    return put(location, body, options);
  }

  @Override
  public void delete(S3Location location) {
    bucket(S3Operation.DELETE_OBJECT, location.bucket(), location.key())
        .objects()
        .remove(location.key());
  }

  @Override
  public String bucketRegion(String bucket) {
    return bucket(S3Operation.HEAD_BUCKET, bucket, "").region();
  }

  @Override
  public Optional<SupportsMultipartUpload> multipart() {
    return Optional.of(this);
  }

  @Override
  public String start(S3Location location, PutOptions options) {
    bucket(S3Operation.CREATE_MULTIPART_UPLOAD, location.bucket(), location.key());
    String uploadId = UUID.randomUUID().toString();
    uploads.put(uploadId, new Upload(location, clock.instant(), new ConcurrentSkipListMap<>()));
    return uploadId;
  }

  @Override
  public CompletedPart uploadPart(
      S3Location location, String uploadId, int partNumber, Path file, long offset, long length) {
    Upload upload = upload(S3Operation.UPLOAD_PART, location, uploadId);
    byte[] bytes = new FileSlice(file, offset, length).readAll();
    CompletedPart part = new CompletedPart(partNumber, etagOf(bytes));
    upload.parts().put(partNumber, bytes);
    return part;
  }

  @Override
  public ObjectInfo complete(
      S3Location location, String uploadId, List<CompletedPart> parts, PutOptions options) {
    Upload upload = upload(S3Operation.COMPLETE_MULTIPART_UPLOAD, location, uploadId);
    Bucket bucket =
        bucket(S3Operation.COMPLETE_MULTIPART_UPLOAD, location.bucket(), location.key());
    StoredObject object =
        MultipartAssembly.assemble(location, upload.parts(), parts, clock.instant());
    ObjectInfo info =
        store(S3Operation.COMPLETE_MULTIPART_UPLOAD, bucket, location, object, options);
    uploads.remove(uploadId);
    return info;
  }

  @Override
  public void abort(S3Location location, String uploadId) {
    counter.increment(S3Operation.ABORT_MULTIPART_UPLOAD.apiName());
    checkOpen();
    uploads.remove(uploadId);
  }

  @Override
  public List<PendingUpload> listPending(String bucket, String prefix) {
    bucket(S3Operation.LIST_MULTIPART_UPLOADS, bucket, prefix);
    List<PendingUpload> pending = new ArrayList<>();
    uploads.forEach(
        (id, upload) -> {
          if (upload.location().bucket().equals(bucket)
              && upload.location().key().startsWith(prefix)) {
            pending.add(new PendingUpload(upload.location().key(), id, upload.initiated()));
          }
        });
    pending.sort((a, b) -> KeyOrder.INSTANCE.compare(a.key(), b.key()));
    return pending;
  }

  @Override
  public RequestCounts requestCounts() {
    return counter.snapshot();
  }

  @Override
  public void close() {
    closed = true;
  }

  private ObjectInfo store(
      S3Operation operation,
      Bucket bucket,
      S3Location location,
      StoredObject object,
      PutOptions options) {
    if (options.ifNoneMatch()) {
      if (bucket.objects().putIfAbsent(location.key(), object) != null) {
        throw InMemoryErrors.preconditionFailed(operation, location);
      }
    } else {
      bucket.objects().put(location.key(), object);
    }
    return object.info(location.key());
  }

  private StoredObject object(S3Operation operation, S3Location location) {
    StoredObject object =
        bucket(operation, location.bucket(), location.key()).objects().get(location.key());
    if (object == null) {
      throw InMemoryErrors.noSuchKey(operation, location);
    }
    return object;
  }

  private Bucket bucket(S3Operation operation, String name, String key) {
    counter.increment(operation.apiName());
    checkOpen();
    Bucket bucket = buckets.get(name);
    if (bucket == null) {
      throw InMemoryErrors.noSuchBucket(operation, name, key);
    }
    return bucket;
  }

  private Upload upload(S3Operation operation, S3Location location, String uploadId) {
    bucket(operation, location.bucket(), location.key());
    Upload upload = uploads.get(uploadId);
    if (upload == null || !upload.location().equals(location)) {
      throw InMemoryErrors.noSuchUpload(operation, location);
    }
    return upload;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the in-memory object store is closed");
    }
  }

  /** The MD5 of {@code bytes} in lowercase hex, in double quotes, as S3 reports a simple ETag. */
  static String etagOf(byte[] bytes) {
    return "\"" + HexFormat.of().formatHex(md5().digest(bytes)) + "\"";
  }

  static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks MD5", e);
    }
  }

  private record Bucket(String region, ConcurrentSkipListMap<String, StoredObject> objects) {}

  private record Upload(
      S3Location location, Instant initiated, ConcurrentSkipListMap<Integer, byte[]> parts) {}

  /** An object's bytes and metadata; the bytes are never handed out without a copy. */
  record StoredObject(byte[] bytes, Instant lastModified, String etag) {

    ObjectInfo info(String key) {
      return new ObjectInfo(key, bytes.length, lastModified, etag);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof StoredObject s
          && Arrays.equals(bytes, s.bytes)
          && lastModified.equals(s.lastModified)
          && etag.equals(s.etag);
    }

    @Override
    public int hashCode() {
      return Objects.hash(Arrays.hashCode(bytes), lastModified, etag);
    }

    @Override
    public String toString() {
      return "StoredObject[" + bytes.length + " bytes, " + lastModified + ", " + etag + "]";
    }
  }
}
