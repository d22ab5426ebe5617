package io.hivewire.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.s3.ObjectStoreException.Reason;
import java.net.ConnectException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.model.StsException;

class S3ErrorTranslatorTest {

  private final S3ErrorTranslator translator = new S3ErrorTranslator("us-east-1");

  private static S3Exception s3Error(int status, String code, String message) {
    return s3Error(status, code, message, Map.of());
  }

  private static S3Exception s3Error(
      int status, String code, String message, Map<String, String> headers) {
    SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(status);
    headers.forEach(response::putHeader);
    return (S3Exception)
        S3Exception.builder()
            .statusCode(status)
            .requestId("REQ123")
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode(code.isEmpty() ? null : code)
                    .errorMessage(message.isEmpty() ? null : message)
                    .sdkHttpResponse(response.build())
                    .build())
            .build();
  }

  private ObjectStoreException translate(S3Operation operation, Exception e) {
    return translator.translate(operation, "bucket", "dir/key.csv", (AwsServiceException) e);
  }

  static Stream<Arguments> serviceAnswers() {
    return Stream.of(
        Arguments.of(403, "AccessDenied", "Access Denied", Reason.ACCESS_DENIED),
        Arguments.of(403, "", "", Reason.ACCESS_DENIED),
        Arguments.of(403, "InvalidAccessKeyId", "unknown key", Reason.INVALID_CREDENTIALS),
        Arguments.of(403, "SignatureDoesNotMatch", "bad signature", Reason.INVALID_CREDENTIALS),
        Arguments.of(400, "ExpiredToken", "token expired", Reason.INVALID_CREDENTIALS),
        Arguments.of(404, "NoSuchBucket", "no bucket", Reason.NO_SUCH_BUCKET),
        Arguments.of(404, "NoSuchKey", "no key", Reason.NO_SUCH_KEY),
        Arguments.of(404, "", "", Reason.NO_SUCH_KEY),
        Arguments.of(404, "NoSuchUpload", "no upload", Reason.NO_SUCH_KEY),
        Arguments.of(301, "PermanentRedirect", "use the right endpoint", Reason.WRONG_REGION),
        Arguments.of(301, "", "", Reason.WRONG_REGION),
        Arguments.of(
            400,
            "AuthorizationHeaderMalformed",
            "the region 'us-east-1' is wrong; expecting 'eu-central-1'",
            Reason.WRONG_REGION),
        Arguments.of(412, "PreconditionFailed", "precondition", Reason.PRECONDITION_FAILED),
        Arguments.of(409, "ConditionalRequestConflict", "conflict", Reason.PRECONDITION_FAILED),
        Arguments.of(400, "KMS.NotFoundException", "key not found", Reason.KMS_ACCESS_DENIED),
        Arguments.of(403, "KMS.DisabledException", "key disabled", Reason.KMS_ACCESS_DENIED),
        Arguments.of(
            403,
            "AccessDenied",
            "User is not authorized to perform: kms:GenerateDataKey",
            Reason.KMS_ACCESS_DENIED),
        Arguments.of(501, "NotImplemented", "no SSE", Reason.NOT_IMPLEMENTED),
        Arguments.of(503, "SlowDown", "slow down", Reason.THROTTLED),
        Arguments.of(429, "", "", Reason.THROTTLED),
        Arguments.of(500, "InternalError", "oops", Reason.SERVER_ERROR),
        Arguments.of(502, "", "", Reason.SERVER_ERROR),
        Arguments.of(400, "InvalidArgument", "bad", Reason.INVALID_REQUEST),
        Arguments.of(416, "InvalidRange", "not satisfiable", Reason.INVALID_REQUEST),
        Arguments.of(409, "BucketAlreadyOwnedByYou", "mine", Reason.UNKNOWN));
  }

  @ParameterizedTest(name = "{0} {1} -> {3}")
  @MethodSource("serviceAnswers")
  void serviceAnswersMapToReasons(int status, String code, String message, Reason expected) {
    ObjectStoreException e = translate(S3Operation.GET_OBJECT, s3Error(status, code, message));

    assertThat(e.reason()).isEqualTo(expected);
    assertThat(e.bucket()).isEqualTo("bucket");
    assertThat(e.key()).isEqualTo("dir/key.csv");
    assertThat(e.getMessage())
        .startsWith("GetObject s3://bucket/dir/key.csv")
        .contains(String.valueOf(status), "[request id REQ123]");
    assertThat(e.getCause()).isInstanceOf(S3Exception.class);
  }

  static Stream<Arguments> permissions() {
    return Stream.of(
        Arguments.of(S3Operation.LIST_OBJECTS, "s3:ListBucket on arn:aws:s3:::bucket;"),
        Arguments.of(S3Operation.HEAD_OBJECT, "s3:GetObject on arn:aws:s3:::bucket/dir/key.csv"),
        Arguments.of(S3Operation.GET_OBJECT, "s3:GetObject on arn:aws:s3:::bucket/dir/key.csv"),
        Arguments.of(S3Operation.PUT_OBJECT, "s3:PutObject on arn:aws:s3:::bucket/dir/key.csv"),
        Arguments.of(S3Operation.UPLOAD_PART, "s3:PutObject"),
        Arguments.of(S3Operation.COMPLETE_MULTIPART_UPLOAD, "s3:PutObject"),
        Arguments.of(S3Operation.DELETE_OBJECT, "s3:DeleteObject"),
        Arguments.of(S3Operation.ABORT_MULTIPART_UPLOAD, "s3:AbortMultipartUpload"),
        Arguments.of(S3Operation.LIST_MULTIPART_UPLOADS, "s3:ListBucketMultipartUploads"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("permissions")
  void accessDeniedNamesThePermissionTheOperationNeeds(S3Operation operation, String needed) {
    ObjectStoreException e = translate(operation, s3Error(403, "AccessDenied", "Access Denied"));

    assertThat(e.getMessage()).contains(operation.apiName(), "need " + needed, "IAM policy");
  }

  @Test
  void wrongRegionNamesTheBucketsRegionFromTheResponseHeader() {
    S3Exception redirect = s3Error(301, "", "", Map.of("x-amz-bucket-region", "ap-southeast-2"));

    ObjectStoreException e = translate(S3Operation.HEAD_OBJECT, redirect);

    assertThat(e.reason()).isEqualTo(Reason.WRONG_REGION);
    assertThat(e.getMessage())
        .contains(
            "in region ap-southeast-2", "configured for us-east-1", "region to ap-southeast-2");
  }

  @Test
  void aBareHeadAnswerWithAnotherRegionInItsHeaderIsWrongRegion() {
    S3Exception bare = s3Error(400, "", "", Map.of("x-amz-bucket-region", "eu-west-1"));

    ObjectStoreException e = translate(S3Operation.HEAD_OBJECT, bare);

    assertThat(e.reason()).isEqualTo(Reason.WRONG_REGION);
    assertThat(e.getMessage()).contains("in region eu-west-1");
  }

  @Test
  void aDenialThatNamesTheConfiguredRegionStaysAccessDenied() {
    S3Exception denied =
        s3Error(403, "AccessDenied", "Access Denied", Map.of("x-amz-bucket-region", "us-east-1"));

    assertThat(translate(S3Operation.GET_OBJECT, denied).reason()).isEqualTo(Reason.ACCESS_DENIED);
  }

  @Test
  void wrongRegionNamesTheRegionTheServiceExpects() {
    S3Exception malformed =
        s3Error(
            400,
            "AuthorizationHeaderMalformed",
            "The authorization header is malformed; the region 'us-east-1' is wrong; expecting"
                + " 'eu-central-1'");

    ObjectStoreException e = translate(S3Operation.LIST_OBJECTS, malformed);

    assertThat(e.getMessage()).contains("in region eu-central-1", "region to eu-central-1");
  }

  @Test
  void kmsDenialNamesBothKmsPermissions() {
    ObjectStoreException e =
        translate(S3Operation.PUT_OBJECT, s3Error(403, "KMS.KMSInvalidStateException", "bad key"));

    assertThat(e.getMessage()).contains("kms:GenerateDataKey", "kms:Decrypt");
  }

  @Test
  void retryableReasonsAreThrottlingServerAndNetworkFailures() {
    assertThat(translate(S3Operation.GET_OBJECT, s3Error(503, "SlowDown", "")).retryable())
        .isTrue();
    assertThat(translate(S3Operation.GET_OBJECT, s3Error(500, "InternalError", "")).retryable())
        .isTrue();
    assertThat(translate(S3Operation.GET_OBJECT, s3Error(403, "AccessDenied", "")).retryable())
        .isFalse();
  }

  @Test
  void ioFailureInTheClientIsANetworkError() {
    SdkClientException refused =
        SdkClientException.builder()
            .message("Unable to execute HTTP request: Connection refused")
            .cause(new ConnectException("Connection refused"))
            .build();

    ObjectStoreException e =
        translator.translate(S3Operation.LIST_OBJECTS, "bucket", "prefix/", refused);

    assertThat(e.reason()).isEqualTo(Reason.NETWORK);
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("ListObjectsV2 s3://bucket/prefix/", "could not reach S3");
  }

  @Test
  void apiCallTimeoutIsANetworkError() {
    ObjectStoreException e =
        translator.translate(
            S3Operation.GET_OBJECT, "bucket", "k", ApiCallTimeoutException.create(300_000));

    assertThat(e.reason()).isEqualTo(Reason.NETWORK);
    assertThat(e.getMessage()).contains("timed out");
  }

  @Test
  void missingDefaultCredentialsAreNoCredentialsNotRejectedOnes() {
    SdkClientException none =
        SdkClientException.create(
            "Unable to load credentials from any of the providers in the chain");

    ObjectStoreException e = translator.translate(S3Operation.LIST_OBJECTS, "bucket", "", none);

    assertThat(e.reason()).isEqualTo(Reason.NO_CREDENTIALS);
    assertThat(e.getMessage()).contains("default chain found none");
  }

  @Test
  void refusedRoleAssumptionNamesStsAssumeRole() {
    StsException denied =
        (StsException)
            StsException.builder()
                .statusCode(403)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("AccessDenied")
                        .errorMessage("not authorized to perform: sts:AssumeRole")
                        .build())
                .build();

    ObjectStoreException e = translator.translate(S3Operation.LIST_OBJECTS, "bucket", "", denied);

    assertThat(e.reason()).isEqualTo(Reason.ACCESS_DENIED);
    assertThat(e.getMessage()).contains("could not assume", "sts:AssumeRole", "external id");
  }
}
