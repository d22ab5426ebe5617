package io.hivewire.s3;

import io.hivewire.s3.ObjectStoreException.Reason;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Turns AWS SDK exceptions into {@link ObjectStoreException}s, once, at the S3 boundary: the
 * reason, the operation and location, the permission involved and what to do. Never includes
 * credentials.
 */
final class S3ErrorTranslator {

  static final String BUCKET_REGION_HEADER = "x-amz-bucket-region";

  private static final Set<String> CREDENTIAL_CODES =
      Set.of(
          "InvalidAccessKeyId",
          "SignatureDoesNotMatch",
          "InvalidToken",
          "ExpiredToken",
          "TokenRefreshRequired",
          "InvalidClientTokenId");
  private static final Set<String> REGION_CODES =
      Set.of(
          "PermanentRedirect",
          "AuthorizationHeaderMalformed",
          "IllegalLocationConstraintException");
  private static final Set<String> THROTTLING_CODES =
      Set.of("SlowDown", "Throttling", "ThrottlingException", "RequestLimitExceeded");
  private static final Pattern EXPECTED_REGION = Pattern.compile("expecting '([a-z0-9-]+)'");

  private final String configuredRegion;

  S3ErrorTranslator(String configuredRegion) {
    this.configuredRegion = Objects.requireNonNull(configuredRegion, "configuredRegion is null");
  }

  /** Sends {@code request}, turning any SDK exception into an {@link ObjectStoreException}. */
  <T> T call(S3Operation operation, String bucket, String key, Supplier<T> request) {
    try {
      return request.get();
    } catch (SdkException e) {
      throw translate(operation, bucket, key, e);
    }
  }

  ObjectStoreException translate(S3Operation operation, String bucket, String key, SdkException e) {
    Call call = new Call(operation, bucket, key);
    if (e instanceof AwsServiceException service) {
      return fromService(call, service);
    }
    if (e instanceof SdkClientException client) {
      return fromClient(call, client);
    }
    return call.failure(Reason.UNKNOWN, call + " failed: " + e.getMessage(), e);
  }

  private ObjectStoreException fromService(Call call, AwsServiceException e) {
    if (e instanceof StsException sts) {
      return fromRole(call, sts);
    }
    int status = e.statusCode();
    AwsErrorDetails details = e.awsErrorDetails();
    String code = details == null || details.errorCode() == null ? "" : details.errorCode();
    String text = details == null || details.errorMessage() == null ? "" : details.errorMessage();
    String answer = (status + " " + code + (text.isEmpty() ? "" : ": " + text)).strip();
    String requestId = e.requestId() == null ? "" : " [request id " + e.requestId() + "]";
    Reason reason = reasonOf(status, code, text);
    if (reason != Reason.WRONG_REGION && signedForAnotherRegion(e, status, text)) {
      reason = Reason.WRONG_REGION;
    }
    String message =
        switch (reason) {
          case KMS_ACCESS_DENIED ->
              call
                  + " failed because the KMS key cannot be used ("
                  + answer
                  + "). The credentials need kms:GenerateDataKey (to write) and kms:Decrypt (to read)"
                  + " on the bucket's KMS key: grant them in the key policy or the IAM policy.";
          case INVALID_CREDENTIALS ->
              call
                  + " was refused ("
                  + answer
                  + "): the access key id is unknown or the secret access key does not match it."
                  + " Check the key pair (or session token) configured for this connection.";
          case ACCESS_DENIED ->
              call
                  + " was denied ("
                  + answer
                  + "): the credentials need "
                  + call.operation.permission()
                  + " on "
                  + call.resourceArn()
                  + "; grant it in the IAM policy of the user or role and check the bucket policy."
                  + (code.isEmpty()
                      ? " (A HEAD answer carries no error code: wrong keys also get 403.)"
                      : "");
          case NO_SUCH_BUCKET ->
              call
                  + " failed: bucket '"
                  + call.bucket
                  + "' does not exist ("
                  + answer
                  + "). Check the bucket name, or create the bucket.";
          case NO_SUCH_KEY ->
              code.equals("NoSuchUpload")
                  ? call
                      + " failed: the multipart upload does not exist ("
                      + answer
                      + "); it was completed or aborted already."
                  : call
                      + " failed: there is no object at "
                      + call.location()
                      + " ("
                      + answer
                      + ").";
          case WRONG_REGION -> wrongRegion(call, e, text, answer);
          case PRECONDITION_FAILED ->
              call
                  + " was refused ("
                  + answer
                  + "): an object already exists at "
                  + call.location()
                  + " and the write asked never to overwrite one (If-None-Match: *).";
          case NOT_IMPLEMENTED ->
              call
                  + " asked for something this endpoint does not implement ("
                  + answer
                  + "). S3-compatible endpoints often lack server-side encryption or conditional"
                  + " writes: turn those options off for this connection.";
          case THROTTLED ->
              call
                  + " was throttled ("
                  + answer
                  + "); retry with back-off or lower the request rate.";
          case SERVER_ERROR -> call + " failed on the server (" + answer + "); try again later.";
          case INVALID_REQUEST -> call + " was rejected as invalid (" + answer + ").";
          default -> call + " failed (" + answer + ").";
        };
    return call.failure(reason, message + requestId, e);
  }

  /** Assuming the configured role failed before any S3 request was sent. */
  private static ObjectStoreException fromRole(Call call, StsException e) {
    AwsErrorDetails details = e.awsErrorDetails();
    String code = details == null || details.errorCode() == null ? "" : details.errorCode();
    String text = details == null || details.errorMessage() == null ? "" : details.errorMessage();
    String answer = (e.statusCode() + " " + code + (text.isEmpty() ? "" : ": " + text)).strip();
    Reason reason =
        CREDENTIAL_CODES.contains(code)
            ? Reason.INVALID_CREDENTIALS
            : reasonOf(e.statusCode(), code, text);
    return call.failure(
        reason,
        call
            + " could not assume the configured IAM role ("
            + answer
            + "). The base credentials need sts:AssumeRole on the role, and the role's trust policy"
            + " must allow them, with the same external id if one is configured.",
        e);
  }

  private static Reason reasonOf(int status, String code, String text) {
    boolean mentionsKms = text.toLowerCase(Locale.ROOT).contains("kms");
    if (code.startsWith("KMS.") || (status == 403 && mentionsKms)) {
      return Reason.KMS_ACCESS_DENIED;
    }
    if (CREDENTIAL_CODES.contains(code)) {
      return Reason.INVALID_CREDENTIALS;
    }
    if (code.equals("NoSuchBucket")) {
      return Reason.NO_SUCH_BUCKET;
    }
    if (code.equals("NoSuchKey") || code.equals("NoSuchUpload") || status == 404) {
      return Reason.NO_SUCH_KEY;
    }
    if (REGION_CODES.contains(code) || status == 301) {
      return Reason.WRONG_REGION;
    }
    if (code.equals("PreconditionFailed")
        || code.equals("ConditionalRequestConflict")
        || status == 412) {
      return Reason.PRECONDITION_FAILED;
    }
    if (status == 403) {
      return Reason.ACCESS_DENIED;
    }
    if (status == 501 || code.equals("NotImplemented")) {
      return Reason.NOT_IMPLEMENTED;
    }
    if (status == 429 || status == 503 || THROTTLING_CODES.contains(code)) {
      return Reason.THROTTLED;
    }
    if (status >= 500) {
      return Reason.SERVER_ERROR;
    }
    if (status == 400 || status == 416) {
      return Reason.INVALID_REQUEST;
    }
    return Reason.UNKNOWN;
  }

  /**
   * A HEAD answer has no error code, but S3 names the bucket's region in a header when a request
   * reaches it from the wrong one (as a 301, or a 400/403 for the signature's region).
   */
  private boolean signedForAnotherRegion(AwsServiceException e, int status, String text) {
    return (status == 301 || status == 400 || status == 403)
        && actualRegion(e, text).filter(region -> !region.equals(configuredRegion)).isPresent();
  }

  private String wrongRegion(Call call, AwsServiceException e, String text, String answer) {
    Optional<String> actual = actualRegion(e, text);
    return call
        + " failed: bucket '"
        + call.bucket
        + "' is "
        + actual.map(r -> "in region " + r).orElse("in another region")
        + ", but this connection is configured for "
        + configuredRegion
        + " ("
        + answer
        + "). Set the connection's region to "
        + actual.orElse("the bucket's region")
        + ".";
  }

  /** The bucket's real region, from the response header or the service's message. */
  static Optional<String> actualRegion(AwsServiceException e, String text) {
    Optional<String> header =
        e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null
            ? Optional.empty()
            : e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader(BUCKET_REGION_HEADER);
    if (header.isPresent() && !header.get().isBlank()) {
      return header;
    }
    Matcher m = EXPECTED_REGION.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private ObjectStoreException fromClient(Call call, SdkClientException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof StsException sts) {
        return fromRole(call, sts);
      }
    }
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return call.failure(
          Reason.NETWORK,
          call + " timed out (" + e.getMessage() + "); check the network and try again.",
          e);
    }
    if (causedByIo(e)) {
      return call.failure(
          Reason.NETWORK,
          call
              + " could not reach S3 ("
              + e.getMessage()
              + "); check the endpoint, the network and any proxy, then try again.",
          e);
    }
    String text = String.valueOf(e.getMessage());
    if (text.contains("Unable to load credentials")) {
      return call.failure(
          Reason.NO_CREDENTIALS,
          call
              + " has no credentials: the AWS default chain found none (environment, profile,"
              + " container or instance role). Configure an access key pair or a role.",
          e);
    }
    return call.failure(Reason.UNKNOWN, call + " failed in the client: " + text, e);
  }

  private static boolean causedByIo(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /** The operation and location a failure is about. */
  private record Call(S3Operation operation, String bucket, String key) {

    String location() {
      return "s3://" + bucket + "/" + key;
    }

    String resourceArn() {
      return switch (operation) {
        case LIST_OBJECTS,
            HEAD_BUCKET,
            CREATE_BUCKET,
            GET_BUCKET_LOCATION,
            LIST_MULTIPART_UPLOADS ->
            "arn:aws:s3:::" + bucket;
        default -> "arn:aws:s3:::" + bucket + "/" + (key.isEmpty() ? "*" : key);
      };
    }

    ObjectStoreException failure(Reason reason, String message, Throwable cause) {
      return new ObjectStoreException(reason, bucket, key, message, cause);
    }

    @Override
    public String toString() {
      return operation.apiName() + " " + location();
    }
  }
}
