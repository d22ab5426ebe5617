package io.hivewire.s3;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;

/**
 * Multipart uploads over the AWS SDK v2 client of an {@link SdkObjectStore}: parts stream from
 * slices of a local file, never the whole file in memory.
 */
final class SdkMultipartUploads implements SupportsMultipartUpload {

  private final S3Client s3;
  private final S3ErrorTranslator errors;
  private final ObjectStore objects;

  SdkMultipartUploads(S3Client s3, S3ErrorTranslator errors, ObjectStore objects) {
    this.s3 = Objects.requireNonNull(s3, "s3 is null");
    this.errors = Objects.requireNonNull(errors, "errors is null");
    this.objects = Objects.requireNonNull(objects, "objects is null");
  }

  @Override
  public String start(S3Location location, PutOptions options) {
    CreateMultipartUploadRequest.Builder request =
        CreateMultipartUploadRequest.builder().bucket(location.bucket()).key(location.key());
    options.contentType().ifPresent(request::contentType);
    SdkEncryption.algorithm(options.encryption()).ifPresent(request::serverSideEncryption);
    SdkEncryption.kmsKeyId(options.encryption()).ifPresent(request::ssekmsKeyId);
    return errors
        .call(
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
        errors
            .call(
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
    return new CompletedPart(partNumber, SdkObjectStore.quoted(etag));
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
    errors.call(
        S3Operation.COMPLETE_MULTIPART_UPLOAD,
        location.bucket(),
        location.key(),
        () -> s3.completeMultipartUpload(request.build()));
    // The completion answer has neither size nor date; the object is strongly consistent.
    return objects
        .head(location)
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
          errors.call(
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
}
