package io.hivewire.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivewire.s3.ObjectStoreException.Reason;
import io.hivewire.s3.SupportsMultipartUpload.CompletedPart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ObjectStore} must do, run against each implementation. Each test works under
 * its own random prefix of one shared bucket.
 */
abstract class ObjectStoreContract {

  static final String BUCKET = "contract";

  @TempDir Path tmp;
  String prefix;

  /** The store under test, with {@link #BUCKET} created; the subclass owns and closes it. */
  abstract ObjectStore store();

  @BeforeEach
  void pickPrefix() {
    prefix = "t-" + UUID.randomUUID() + "/";
  }

  S3Location at(String key) {
    return new S3Location(BUCKET, prefix + key);
  }

  void put(String key, String body) {
    store().put(at(key), body.getBytes(UTF_8), PutOptions.defaults());
  }

  List<String> keys(List<ObjectInfo> objects) {
    return objects.stream().map(o -> o.key().substring(prefix.length())).toList();
  }

  List<String> relative(List<String> prefixes) {
    return prefixes.stream().map(p -> p.substring(prefix.length())).toList();
  }

  String read(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  SupportsMultipartUpload multipart() {
    return store().multipart().orElseThrow();
  }

  @Test
  void recursiveListingIsInLexicographicOrder() {
    // No key is also a "directory" of another: S3Proxy's file-backed stores cannot hold both.
    for (String key : List.of("b", "a/b", "aa", "a-c", "a0", "B")) {
      put(key, key);
    }

    List<ObjectInfo> objects = store().listRecursively(BUCKET, prefix);

    assertThat(keys(objects)).containsExactly("B", "a-c", "a/b", "a0", "aa", "b");
  }

  @Test
  void directoryListingGroupsDeeperKeysIntoCommonPrefixes() {
    for (String key : List.of("x/1", "x/2", "y/deep/1", "z.csv")) {
      put(key, key);
    }

    ListPage page = store().list(ListRequest.directory(BUCKET, prefix));

    assertThat(keys(page.objects())).containsExactly("z.csv");
    assertThat(relative(page.commonPrefixes())).containsExactly("x/", "y/");
    assertThat(page.nextToken()).isEmpty();
  }

  @Test
  void listingPagesFollowContinuationTokens() {
    for (String key : List.of("1", "2", "3", "4", "5")) {
      put(key, key);
    }
    ListRequest request = new ListRequest(BUCKET, prefix, Optional.empty(), Optional.empty(), 2);

    List<List<String>> pages = new ArrayList<>();
    store().listAll(request, page -> pages.add(keys(page.objects())));

    assertThat(pages).containsExactly(List.of("1", "2"), List.of("3", "4"), List.of("5"));
  }

  @Test
  void commonPrefixesCountTowardMaxKeysAcrossPages() {
    for (String key : List.of("a/1", "a/2", "b", "c/1", "d")) {
      put(key, key);
    }
    ListRequest request = new ListRequest(BUCKET, prefix, Optional.of("/"), Optional.empty(), 2);

    List<String> entries = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    store()
        .listAll(
            request,
            page -> {
              sizes.add(page.objects().size() + page.commonPrefixes().size());
              entries.addAll(relative(page.commonPrefixes()));
              entries.addAll(keys(page.objects()));
            });

    assertThat(entries).containsExactlyInAnyOrder("a/", "b", "c/", "d");
    assertThat(sizes).containsExactly(2, 2);
  }

  @Test
  void maxKeysOfOneWalksEveryKeyOnceEvenAcrossCommonPrefixes() {
    for (String key : List.of("a/1", "a/2", "b", "c/d/e")) {
      put(key, key);
    }
    ListRequest oneByOne = new ListRequest(BUCKET, prefix, Optional.of("/"), Optional.empty(), 1);

    List<String> seen = new ArrayList<>();
    store()
        .listAll(
            oneByOne,
            page -> {
              seen.addAll(relative(page.commonPrefixes()));
              seen.addAll(keys(page.objects()));
            });

    assertThat(seen).containsExactly("a/", "b", "c/");
  }

  @Test
  void listingAnEmptyPrefixFindsNothing() {
    ListPage page = store().list(ListRequest.directory(BUCKET, prefix));

    assertThat(page.objects()).isEmpty();
    assertThat(page.commonPrefixes()).isEmpty();
    assertThat(page.nextToken()).isEmpty();
  }

  @Test
  void headDescribesWhatPutWrote() {
    ObjectInfo written =
        store().put(at("data.csv"), "a,b\n1,2\n".getBytes(UTF_8), PutOptions.defaults());

    ObjectInfo head = store().head(at("data.csv")).orElseThrow();

    assertThat(head.key()).isEqualTo(prefix + "data.csv");
    assertThat(head.size()).isEqualTo(8);
    assertThat(head.etag()).isEqualTo(written.etag()).isEqualTo("\"" + md5Hex("a,b\n1,2\n") + "\"");
    assertThat(written.size()).isEqualTo(8);
  }

  @Test
  void headOfAMissingKeyIsEmpty() {
    assertThat(store().head(at("missing"))).isEmpty();
  }

  @Test
  void listingReportsSizesAndEtags() {
    put("one", "12345");

    ObjectInfo listed = store().listRecursively(BUCKET, prefix).getFirst();

    assertThat(listed.size()).isEqualTo(5);
    assertThat(listed.etag()).isEqualTo("\"" + md5Hex("12345") + "\"");
  }

  @Test
  void headInAMissingBucketIsEmpty() {
    assertThat(store().head(new S3Location("no-such-bucket", "k"))).isEmpty();
  }

  @Test
  void rangeStartingPastTheEndIsInvalid() {
    put("tiny", "abc");

    assertThatThrownBy(() -> store().openRange(at("tiny"), 3, 10))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST));
  }

  @Test
  void openReadsTheWholeObject() throws IOException {
    put("whole", "hello world");

    assertThat(read(store().open(at("whole")))).isEqualTo("hello world");
  }

  @Test
  void openRangeReadsOnlyTheRange() throws IOException {
    put("ranged", "0123456789");

    assertThat(read(store().openRange(at("ranged"), 3, 4))).isEqualTo("3456");
    assertThat(new String(store().readRange(at("ranged"), 0, 1), UTF_8)).isEqualTo("0");
  }

  @Test
  void rangePastTheEndStopsAtTheLastByte() throws IOException {
    put("short", "0123456789");

    assertThat(read(store().openRange(at("short"), 8, 100))).isEqualTo("89");
  }

  @Test
  void putFromAFileWritesItsBytes() throws IOException {
    Path file = Files.writeString(tmp.resolve("upload.jsonl"), "{\"a\":1}\n");

    ObjectInfo written = store().put(at("upload.jsonl"), file, PutOptions.defaults());

    assertThat(written.size()).isEqualTo(8);
    assertThat(read(store().open(at("upload.jsonl")))).isEqualTo("{\"a\":1}\n");
  }

  @Test
  void putReplacesAnExistingObject() throws IOException {
    put("same", "first");
    put("same", "second");

    assertThat(read(store().open(at("same")))).isEqualTo("second");
  }

  @Test
  void conditionalPutWritesANewKey() throws IOException {
    store().put(at("new"), "x".getBytes(UTF_8), PutOptions.defaults().withIfNoneMatch(true));

    assertThat(read(store().open(at("new")))).isEqualTo("x");
  }

  @Test
  void conditionalPutRefusesAnExistingKey() throws IOException {
    put("taken", "original");

    assertThatThrownBy(
            () ->
                store()
                    .put(
                        at("taken"),
                        "other".getBytes(UTF_8),
                        PutOptions.defaults().withIfNoneMatch(true)))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.PRECONDITION_FAILED);
              assertThat(e.getMessage()).contains(at("taken").toString());
            });
    assertThat(read(store().open(at("taken")))).isEqualTo("original");
  }

  @Test
  void deleteRemovesTheObject() {
    put("doomed", "x");

    store().delete(at("doomed"));

    assertThat(store().head(at("doomed"))).isEmpty();
  }

  @Test
  void deletingAMissingKeyIsNotAnError() {
    store().delete(at("never-written"));

    assertThat(store().head(at("never-written"))).isEmpty();
  }

  @Test
  void openingAMissingKeyFailsWithNoSuchKey() {
    assertThatThrownBy(() -> store().open(at("missing")))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_KEY);
              assertThat(e.key()).isEqualTo(prefix + "missing");
              assertThat(e.getMessage()).contains("GetObject", at("missing").toString());
            });
  }

  @Test
  void listingAMissingBucketFailsWithNoSuchBucket() {
    assertThatThrownBy(() -> store().list(ListRequest.directory("no-such-bucket", "")))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_BUCKET);
              assertThat(e.bucket()).isEqualTo("no-such-bucket");
              assertThat(e.getMessage()).contains("ListObjectsV2", "no-such-bucket");
            });
  }

  @Test
  void writingToAMissingBucketFailsWithNoSuchBucket() {
    S3Location nowhere = new S3Location("no-such-bucket", "k");

    assertThatThrownBy(() -> store().put(nowhere, new byte[] {1}, PutOptions.defaults()))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_BUCKET));
  }

  @Test
  void bucketRegionIsReported() {
    assertThat(store().bucketRegion(BUCKET)).isEqualTo("us-east-1");
  }

  @Test
  void multipartUploadJoinsItsPartsInOrder() throws IOException {
    byte[] bytes = pattern((int) SupportsMultipartUpload.MIN_PART_SIZE + 1000);
    Path file = Files.write(tmp.resolve("big.bin"), bytes);
    S3Location target = at("big.bin");

    String uploadId = multipart().start(target, PutOptions.defaults());
    CompletedPart first =
        multipart().uploadPart(target, uploadId, 1, file, 0, SupportsMultipartUpload.MIN_PART_SIZE);
    CompletedPart second =
        multipart()
            .uploadPart(target, uploadId, 2, file, SupportsMultipartUpload.MIN_PART_SIZE, 1000);
    ObjectInfo done =
        multipart().complete(target, uploadId, List.of(first, second), PutOptions.defaults());

    assertThat(done.size()).isEqualTo(bytes.length);
    try (InputStream in = store().open(target)) {
      assertThat(Arrays.equals(in.readAllBytes(), bytes)).as("object equals the file").isTrue();
    }
    assertThat(multipart().listPending(BUCKET, prefix)).isEmpty();
  }

  @Test
  void completionRefusesPartsSmallerThanFiveMegabytesBeforeTheLast() throws IOException {
    Path file = Files.write(tmp.resolve("small.bin"), new byte[20]);
    S3Location target = at("small.bin");
    String uploadId = multipart().start(target, PutOptions.defaults());
    CompletedPart first = multipart().uploadPart(target, uploadId, 1, file, 0, 10);
    CompletedPart second = multipart().uploadPart(target, uploadId, 2, file, 10, 10);

    assertThatThrownBy(
            () ->
                multipart()
                    .complete(target, uploadId, List.of(first, second), PutOptions.defaults()))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST);
              assertThat(e.getMessage()).contains("EntityTooSmall");
            });
    multipart().abort(target, uploadId);
  }

  @Test
  void startedUploadsArePendingUntilAborted() {
    S3Location target = at("pending.bin");
    String uploadId = multipart().start(target, PutOptions.defaults());

    assertThat(multipart().listPending(BUCKET, prefix))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.key()).isEqualTo(target.key());
              assertThat(p.uploadId()).isEqualTo(uploadId);
            });

    multipart().abort(target, uploadId);

    assertThat(multipart().listPending(BUCKET, prefix)).isEmpty();
    assertThat(store().head(target)).isEmpty();
  }

  @Test
  void abortingAnUploadTwiceIsNotAnError() {
    S3Location target = at("twice.bin");
    String uploadId = multipart().start(target, PutOptions.defaults());
    multipart().abort(target, uploadId);

    multipart().abort(target, uploadId);

    assertThat(multipart().listPending(BUCKET, prefix)).isEmpty();
  }

  @Test
  void conditionalCompletionRefusesAnExistingKey() throws IOException {
    put("exists.bin", "original");
    Path file = Files.write(tmp.resolve("part.bin"), new byte[] {1, 2, 3});
    S3Location target = at("exists.bin");
    String uploadId = multipart().start(target, PutOptions.defaults());
    CompletedPart part = multipart().uploadPart(target, uploadId, 1, file, 0, 3);

    assertThatThrownBy(
            () ->
                multipart()
                    .complete(
                        target,
                        uploadId,
                        List.of(part),
                        PutOptions.defaults().withIfNoneMatch(true)))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.PRECONDITION_FAILED));
    multipart().abort(target, uploadId);
    assertThat(read(store().open(target))).isEqualTo("original");
  }

  @Test
  void requestsAreCountedPerOperation() {
    RequestCounts before = store().requestCounts();

    put("counted", "x");
    store().list(ListRequest.directory(BUCKET, prefix));
    store().list(ListRequest.directory(BUCKET, prefix));
    store().head(at("counted"));

    RequestCounts sent = store().requestCounts().minus(before);
    assertThat(sent.get("PutObject")).isEqualTo(1);
    assertThat(sent.get("ListObjectsV2")).isEqualTo(2);
    assertThat(sent.get("HeadObject")).isEqualTo(1);
    assertThat(sent.total()).isEqualTo(4);
  }

  static byte[] pattern(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31 + i / 251);
    }
    return bytes;
  }

  static String md5Hex(String text) {
    return java.util.HexFormat.of()
        .formatHex(InMemoryObjectStore.md5().digest(text.getBytes(UTF_8)));
  }
}
