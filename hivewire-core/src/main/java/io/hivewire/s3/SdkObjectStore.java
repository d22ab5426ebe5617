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
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The {@link ObjectStore} over the AWS SDK v2 synchronous S3 client; also does multipart uploads.
 * Every SDK exception leaves this class as an {@link ObjectStoreException}.
 */
final class SdkObjectStore implements ObjectStore, SupportsBucketCreation {

  private final S3Client s3;
  private final List<AutoCloseable> resources;
  private final RequestCounter counter;
  private final S3ErrorTranslator errors;
  private final BucketRegionLookup regions;
  private final SdkMultipartUploads multipart;
  private final InstantSource clock;
  private final String region;
  private boolean closed;

  /** Owns {@code s3}; {@code resources} (credentials provider, STS client) close after it. */
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
    this.multipart = new SdkMultipartUploads(s3, errors, this);
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.region = Objects.requireNonNull(region, "region is null");
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
        errors.call(
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
    return errors.call(
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
    return errors.call(
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
    SdkEncryption.algorithm(options.encryption()).ifPresent(request::serverSideEncryption);
    SdkEncryption.kmsKeyId(options.encryption()).ifPresent(request::ssekmsKeyId);
    PutObjectResponse response =
        errors.call(
            S3Operation.PUT_OBJECT,
            location.bucket(),
            location.key(),
            () -> s3.putObject(request.build(), body));
    return new ObjectInfo(
        location.key(), size, responseTime(response.sdkHttpResponse()), quoted(response.eTag()));
  }

  @Override
  public void delete(S3Location location) {
    errors.call(
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
    return Optional.of(multipart);
  }

  @Override
  public Optional<SupportsBucketCreation> bucketCreation() {
    return Optional.of(this);
  }

  @Override
  public boolean createBucket(String bucket) {
    try {
      s3.createBucket(
          b -> {
            b.bucket(bucket);
            // us-east-1 is the one region that must not be named as a location constraint.
            if (!region.equals("us-east-1")) {
              b.createBucketConfiguration(c -> c.locationConstraint(region));
            }
          });
      return true;
    } catch (BucketAlreadyOwnedByYouException e) {
      return false;
    } catch (SdkException e) {
      throw errors.translate(S3Operation.CREATE_BUCKET, bucket, "", e);
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
