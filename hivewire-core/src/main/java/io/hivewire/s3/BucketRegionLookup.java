package io.hivewire.s3;

import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetBucketLocationResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;

/**
 * Finds the region a bucket lives in: HeadBucket's {@code x-amz-bucket-region} (present even on a
 * redirect or a denial from another region), else GetBucketLocation.
 */
final class BucketRegionLookup {

  /** GetBucketLocation's answer for us-east-1 is an empty location constraint. */
  private static final String DEFAULT_REGION = "us-east-1";

  private final S3Client s3;
  private final S3ErrorTranslator errors;

  BucketRegionLookup(S3Client s3, S3ErrorTranslator errors) {
    this.s3 = Objects.requireNonNull(s3, "s3 is null");
    this.errors = Objects.requireNonNull(errors, "errors is null");
  }

  String regionOf(String bucket) {
    try {
      HeadBucketResponse head = s3.headBucket(b -> b.bucket(bucket));
      Optional<String> region =
          Optional.ofNullable(head.bucketRegion())
              .or(
                  () ->
                      head.sdkHttpResponse()
                          .firstMatchingHeader(S3ErrorTranslator.BUCKET_REGION_HEADER));
      if (region.isPresent() && !region.get().isBlank()) {
        return region.get();
      }
    } catch (AwsServiceException e) {
      Optional<String> region = S3ErrorTranslator.actualRegion(e, "");
      if (region.isPresent()) {
        return region.get();
      }
      if (e.statusCode() == 404) {
        throw new ObjectStoreException(
            ObjectStoreException.Reason.NO_SUCH_BUCKET,
            bucket,
            "",
            "HeadBucket s3://"
                + bucket
                + "/ failed: bucket '"
                + bucket
                + "' does not exist (404)."
                + " Check the bucket name, or create the bucket.",
            e);
      }
      if (e.statusCode() != 403) {
        throw errors.translate(S3Operation.HEAD_BUCKET, bucket, "", e);
      }
      // A 403 without a region header: GetBucketLocation needs a different permission.
    } catch (SdkException e) {
      throw errors.translate(S3Operation.HEAD_BUCKET, bucket, "", e);
    }
    return location(bucket);
  }

  private String location(String bucket) {
    GetBucketLocationResponse response;
    try {
      response = s3.getBucketLocation(b -> b.bucket(bucket));
    } catch (SdkException e) {
      throw errors.translate(S3Operation.GET_BUCKET_LOCATION, bucket, "", e);
    }
    String constraint = response.locationConstraintAsString();
    if (constraint == null || constraint.isBlank()) {
      return DEFAULT_REGION;
    }
    // The oldest buckets in eu-west-1 still answer with the legacy name.
    return constraint.equals("EU") ? "eu-west-1" : constraint;
  }
}
