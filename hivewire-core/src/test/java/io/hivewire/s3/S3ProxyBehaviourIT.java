package io.hivewire.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.s3.ObjectStoreException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What S3Proxy 4.1.0 (our local S3) does where it could differ from AWS S3, in its in-memory
 * ({@code transient}) and filesystem stores. Tests elsewhere rely on these answers.
 */
class S3ProxyBehaviourIT {

  private static final String BUCKET = "behaviour";

  @TempDir static Path dataDir;
  private static LocalS3Fixture inMemory;
  private static LocalS3Fixture onDisk;

  @BeforeAll
  static void startBoth() {
    inMemory = LocalS3Fixture.start(BUCKET);
    onDisk = LocalS3Fixture.startOnDisk(dataDir.resolve("s3"), BUCKET);
  }

  @AfterAll
  static void stopBoth() {
    try {
      inMemory.close();
    } finally {
      onDisk.close();
    }
  }

  static Stream<String> stores() {
    return Stream.of("in-memory", "filesystem");
  }

  private static ObjectStore store(String kind) {
    return (kind.equals("in-memory") ? inMemory : onDisk).store();
  }

  private static S3Location fresh(String name) {
    return new S3Location(BUCKET, UUID.randomUUID() + "/" + name);
  }

  private static Reason reasonOf(Runnable call) {
    try {
      call.run();
    } catch (ObjectStoreException e) {
      return e.reason();
    }
    throw new AssertionError("expected an ObjectStoreException");
  }

  @ParameterizedTest
  @MethodSource("stores")
  void ifNoneMatchOnAnExistingKeyAnswers412(String kind) {
    S3Location key = fresh("taken");
    store(kind).put(key, "x".getBytes(UTF_8), PutOptions.defaults());

    Reason reason =
        reasonOf(
            () ->
                store(kind)
                    .put(key, "y".getBytes(UTF_8), PutOptions.defaults().withIfNoneMatch(true)));

    assertThat(reason).isEqualTo(Reason.PRECONDITION_FAILED);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void ifNoneMatchOnMultipartCompletionAnswers412(String kind) throws Exception {
    S3Location key = fresh("taken.bin");
    store(kind).put(key, "x".getBytes(UTF_8), PutOptions.defaults());
    Path file = Files.write(dataDir.resolve(UUID.randomUUID() + ".part"), new byte[] {1, 2});
    SupportsMultipartUpload multipart = store(kind).multipart().orElseThrow();
    String uploadId = multipart.start(key, PutOptions.defaults());
    var part = multipart.uploadPart(key, uploadId, 1, file, 0, 2);

    Reason reason =
        reasonOf(
            () ->
                multipart.complete(
                    key, uploadId, List.of(part), PutOptions.defaults().withIfNoneMatch(true)));

    assertThat(reason).isEqualTo(Reason.PRECONDITION_FAILED);
    multipart.abort(key, uploadId);
  }

  @Test
  void filesystemStoreAnswers501ToAnyEncryptionHeader() {
    ObjectStore store = store("filesystem");
    byte[] body = "x".getBytes(UTF_8);

    assertThat(
            reasonOf(
                () ->
                    store.put(
                        fresh("s3"),
                        body,
                        PutOptions.defaults().withEncryption(new Encryption.S3Managed()))))
        .isEqualTo(Reason.NOT_IMPLEMENTED);
    assertThat(
            reasonOf(
                () ->
                    store.put(
                        fresh("kms"),
                        body,
                        PutOptions.defaults().withEncryption(new Encryption.Kms("alias/k")))))
        .isEqualTo(Reason.NOT_IMPLEMENTED);
    assertThat(
            reasonOf(
                () ->
                    store
                        .multipart()
                        .orElseThrow()
                        .start(
                            fresh("kms.bin"),
                            PutOptions.defaults().withEncryption(new Encryption.Kms("alias/k")))))
        .isEqualTo(Reason.NOT_IMPLEMENTED);
  }

  @Test
  void inMemoryStoreAcceptsEncryptionHeadersForMultipartUploads() {
    SupportsMultipartUpload multipart = store("in-memory").multipart().orElseThrow();
    S3Location key = fresh("kms.bin");

    String uploadId =
        multipart.start(key, PutOptions.defaults().withEncryption(new Encryption.Kms("alias/k")));

    assertThat(uploadId).isNotBlank();
    multipart.abort(key, uploadId);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void requestsSignedForAnotherRegionAreAccepted(String kind) {
    LocalS3Fixture fixture = kind.equals("in-memory") ? inMemory : onDisk;
    try (ObjectStore elsewhere =
        S3ObjectStores.create(fixture.settings().withRegion("eu-west-1"))) {
      assertThat(elsewhere.list(ListRequest.directory(BUCKET, "none/")).objects()).isEmpty();
      // No x-amz-bucket-region on HeadBucket; GetBucketLocation answers an empty constraint.
      assertThat(elsewhere.bucketRegion(BUCKET)).isEqualTo("us-east-1");
      assertThat(elsewhere.requestCounts().get("GetBucketLocation")).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aKeyCannotAlsoBeADirectoryOfOtherKeys(String kind) {
    S3Location file = fresh("k");
    store(kind).put(file, "x".getBytes(UTF_8), PutOptions.defaults());

    Reason reason =
        reasonOf(
            () ->
                store(kind).put(file.resolve("child"), "y".getBytes(UTF_8), PutOptions.defaults()));

    // AWS S3 stores both; S3Proxy keeps objects as files and answers 500 InternalError.
    assertThat(reason).isEqualTo(Reason.SERVER_ERROR);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void partsForAnUnknownUploadIdAreAccepted(String kind) throws Exception {
    Path file = Files.write(dataDir.resolve(UUID.randomUUID() + ".part"), new byte[] {1});
    SupportsMultipartUpload multipart = store(kind).multipart().orElseThrow();

    // AWS S3 answers 404 NoSuchUpload here.
    var part = multipart.uploadPart(fresh("orphan"), "no-such-upload", 1, file, 0, 1);

    assertThat(part.etag()).startsWith("\"");
  }
}
