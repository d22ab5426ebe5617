package io.hivewire.s3;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The {@link ObjectStore} over the AWS SDK v2 synchronous S3 client; also does multipart uploads.
 * Every SDK exception leaves this class as an {@link ObjectStoreException}.
 */
final class SdkObjectStore implements ObjectStore, SupportsMultipartUpload {

  private final S3Client s3;
  private final List<AutoCloseable> resources;
  private final RequestCounter counter;
  private final S3ErrorTranslator errors;
  private final BucketRegionLookup regions;
  private final InstantSource clock;
  private boolean closed;

  /**
   * @param resources closed after the client, in order (credentials providers, STS client)
   */
  SdkObjectStore(
      S3Client s3,
      List<AutoCloseable> resources,
      RequestCounter counter,
      String region,
      InstantSource clock) {
    this.s3 = Objects.requireNonNull(s3, "s3 is null");
    this.resources = List.copyOf(resources);
    this.counter = Objects.requireNonNull(counter, "counter is null");
    this.errors = new S3ErrorTranslator(region);
    this.regions = new BucketRegionLookup(s3, errors);
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  @Override
  public ListPage list(ListRequest request) {
    ListObjectsV2Request.Builder sdk =
        ListObjectsV2Request.builder()
            .bucket(request.bucket())
            .prefix(request.prefix())
            .maxKeys(request.maxKeys());
    request.delimiter().ifPresent(sdk::delimiter);
    request.continuationToken().ifPresent(sdk::continuationToken);
    ListObjectsV2Response response =
        call(
            S3Operation.LIST_OBJECTS,
            request.bucket(),
            request.prefix(),
            () -> s3.listObjectsV2(sdk.build()));
    List<ObjectInfo> objects = new ArrayList<>(response.contents().size());
    for (S3Object o : response.contents()) {
      objects.add(new ObjectInfo(o.key(), o.size(), o.lastModified(), quoted(o.eTag())));
    }
    List<String> prefixes = response.commonPrefixes().stream().map(CommonPrefix::prefix).toList();
    Optional<String> next =
        Boolean.TRUE.equals(response.isTruncated())
            ? Optional.ofNullable(response.nextContinuationToken())
            : Optional.empty();
    return new ListPage(objects, prefixes, next);
  }

  @Override
  public Optional<ObjectInfo> head(S3Location location) {
    try {
      HeadObjectResponse r = s3.headObject(b -> b.bucket(location.bucket()).key(location.key()));
      return Optional.of(
          new ObjectInfo(location.key(), r.contentLength(), r.lastModified(), quoted(r.eTag())));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (AwsServiceException e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw errors.translate(S3Operation.HEAD_OBJECT, location.bucket(), location.key(), e);
    } catch (SdkException e) {
      throw errors.translate(S3Operation.HEAD_OBJECT, location.bucket(), location.key(), e);
    }
  }

  @Override
  public InputStream open(S3Location location) {
    return call(
        S3Operation.GET_OBJECT,
        location.bucket(),
        location.key(),
        () -> s3.getObject(b -> b.bucket(location.bucket()).key(location.key())));
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
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    return call(
        S3Operation.GET_OBJECT,
        location.bucket(),
        location.key(),
        () -> s3.getObject(b -> b.bucket(location.bucket()).key(location.key()).range(range)));
  }

  @Override
  public ObjectInfo put(S3Location location, byte[] body, PutOptions options) {
    Objects.requireNonNull(body, "body is null");
    return put(location, RequestBody.fromBytes(body), body.length, options);
  }

  @Override
  public ObjectInfo put(S3Location location, Path file, PutOptions options) {
    long size;
    try {
      size = Files.size(file);
    } catch (java.io.IOException e) {
      throw ObjectStore.localFileError(file, e);
    }
    FileSlice whole = new FileSlice(file, 0, size);
    return put(
        location,
        RequestBody.fromContentProvider(whole::open, size, contentType(options)),
        size,
        options);
  }

  private ObjectInfo put(S3Location location, RequestBody body, long size, PutOptions options) {
    PutObjectRequest.Builder request =
        PutObjectRequest.builder().bucket(location.bucket()).key(location.key());
    options.contentType().ifPresent(request::contentType);
    if (options.ifNoneMatch()) {
      request.ifNoneMatch("*");
    }
    switch (options.encryption()) {
      case Encryption.None none -> {}
      case Encryption.S3Managed s3Managed ->
          request.serverSideEncryption(ServerSideEncryption.AES256);
      case Encryption.Kms kms ->
          request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kms.keyId());
    }
    PutObjectResponse response =
        call(
            S3Operation.PUT_OBJECT,
            location.bucket(),
            location.key(),
            () -> s3.putObject(request.build(), body));
    return new ObjectInfo(
        location.key(), size, responseTime(response.sdkHttpResponse()), quoted(response.eTag()));
  }

  @Override
  public void delete(S3Location location) {
    call(
        S3Operation.DELETE_OBJECT,
        location.bucket(),
        location.key(),
        () -> s3.deleteObject(b -> b.bucket(location.bucket()).key(location.key())));
  }

  @Override
  public String bucketRegion(String bucket) {
    return regions.regionOf(bucket);
  }

  @Override
  public Optional<SupportsMultipartUpload> multipart() {
    return Optional.of(this);
  }

  @Override
  public String start(S3Location location, PutOptions options) {
    CreateMultipartUploadRequest.Builder request =
        CreateMultipartUploadRequest.builder().bucket(location.bucket()).key(location.key());
    options.contentType().ifPresent(request::contentType);
    switch (options.encryption()) {
      case Encryption.None none -> {}
      case Encryption.S3Managed s3Managed ->
          request.serverSideEncryption(ServerSideEncryption.AES256);
      case Encryption.Kms kms ->
          request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kms.keyId());
    }
    return call(
            S3Operation.CREATE_MULTIPART_UPLOAD,
            location.bucket(),
            location.key(),
            () -> s3.createMultipartUpload(request.build()))
        .uploadId();
  }

  @Override
  public CompletedPart uploadPart(
      S3Location location, String uploadId, int partNumber, Path file, long offset, long length) {
    FileSlice slice = new FileSlice(file, offset, length);
    RequestBody body =
        RequestBody.fromContentProvider(slice::open, length, "application/octet-stream");
    String etag =
        call(
                S3Operation.UPLOAD_PART,
                location.bucket(),
                location.key(),
                () ->
                    s3.uploadPart(
                        b ->
                            b.bucket(location.bucket())
                                .key(location.key())
                                .uploadId(uploadId)
                                .partNumber(partNumber)
                                .contentLength(length),
                        body))
            .eTag();
    return new CompletedPart(partNumber, quoted(etag));
  }

  @Override
  public ObjectInfo complete(
      S3Location location, String uploadId, List<CompletedPart> parts, PutOptions options) {
    CompleteMultipartUploadRequest.Builder request =
        CompleteMultipartUploadRequest.builder()
            .bucket(location.bucket())
            .key(location.key())
            .uploadId(uploadId)
            .multipartUpload(
                CompletedMultipartUpload.builder()
                    .parts(
                        parts.stream()
                            .map(
                                p ->
                                    software.amazon.awssdk.services.s3.model.CompletedPart.builder()
                                        .partNumber(p.partNumber())
                                        .eTag(p.etag())
                                        .build())
                            .toList())
                    .build());
    if (options.ifNoneMatch()) {
      request.ifNoneMatch("*");
    }
    call(
        S3Operation.COMPLETE_MULTIPART_UPLOAD,
        location.bucket(),
        location.key(),
        () -> s3.completeMultipartUpload(request.build()));
    // The completion answer has neither size nor date; the object is strongly consistent.
    return head(location)
        .orElseThrow(
            () ->
                new ObjectStoreException(
                    ObjectStoreException.Reason.NO_SUCH_KEY,
                    location.bucket(),
                    location.key(),
                    "CompleteMultipartUpload " + location + " succeeded but the object is absent"));
  }

  @Override
  public void abort(S3Location location, String uploadId) {
    try {
      s3.abortMultipartUpload(
          b -> b.bucket(location.bucket()).key(location.key()).uploadId(uploadId));
    } catch (NoSuchUploadException e) {
      // Already completed or aborted: the caller's goal is reached.
    } catch (SdkException e) {
      throw errors.translate(
          S3Operation.ABORT_MULTIPART_UPLOAD, location.bucket(), location.key(), e);
    }
  }

  @Override
  public List<PendingUpload> listPending(String bucket, String prefix) {
    List<PendingUpload> pending = new ArrayList<>();
    ListMultipartUploadsRequest request =
        ListMultipartUploadsRequest.builder().bucket(bucket).prefix(prefix).build();
    while (true) {
      ListMultipartUploadsRequest page = request;
      ListMultipartUploadsResponse response =
          call(
              S3Operation.LIST_MULTIPART_UPLOADS,
              bucket,
              prefix,
              () -> s3.listMultipartUploads(page));
      for (MultipartUpload u : response.uploads()) {
        pending.add(new PendingUpload(u.key(), u.uploadId(), u.initiated()));
      }
      if (!Boolean.TRUE.equals(response.isTruncated())) {
        return pending;
      }
      request =
          request.toBuilder()
              .keyMarker(response.nextKeyMarker())
              .uploadIdMarker(response.nextUploadIdMarker())
              .build();
    }
  }

  @Override
  public RequestCounts requestCounts() {
    return counter.snapshot();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = null;
    List<AutoCloseable> all = new ArrayList<>();
    all.add(s3);
    all.addAll(resources);
    for (AutoCloseable resource : all) {
      try {
        resource.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("cannot close the S3 client: " + e, e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private <T> T call(S3Operation operation, String bucket, String key, Supplier<T> request) {
    try {
      return request.get();
    } catch (SdkException e) {
      throw errors.translate(operation, bucket, key, e);
    }
  }

  private static String contentType(PutOptions options) {
    return options.contentType().orElse("application/octet-stream");
  }

  /** ETags as S3 sends them, in double quotes, whatever the endpoint does. */
  static String quoted(String etag) {
    if (etag == null || etag.isEmpty()) {
      return "\"\"";
    }
    return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
  }

  private Instant responseTime(SdkHttpResponse response) {
    Optional<String> date = response.firstMatchingHeader("Date");
    if (date.isPresent()) {
      try {
        return ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        // An endpoint with a malformed Date header: the local clock is the best estimate.
      }
    }
    return clock.instant();
  }
}
