package io.hivewire.s3;

import io.hivewire.locals3.LocalS3;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local S3 endpoint (S3Proxy, SigV4 on) with random keys and named buckets, for tests; {@link
 * #store()} is closed with it. Either register it as an extension, which closes it after all tests:
 *
 * <pre>{@code
 * @RegisterExtension static final LocalS3Fixture s3 = LocalS3Fixture.start("data");
 * }</pre>
 *
 * or start it in {@code @BeforeAll} and close it in {@code @AfterAll}.
 */
public final class LocalS3Fixture implements AutoCloseable, AfterAllCallback {

  private static final Pattern VALID_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private final LocalS3 localS3;
  private ObjectStore store;
  private boolean closed;

  private LocalS3Fixture(LocalS3 localS3) {
    this.localS3 = localS3;
  }

  /** An in-memory endpoint with {@code buckets} created. */
  public static LocalS3Fixture start(String... buckets) {
    return start(LocalS3.Settings.inMemory(randomKey(), randomKey()), buckets);
  }

  /** An endpoint that keeps objects as files under {@code dir}, with {@code buckets} created. */
  public static LocalS3Fixture startOnDisk(Path dir, String... buckets) {
    return start(LocalS3.Settings.onDisk(dir, 0, randomKey(), randomKey()), buckets);
  }

  private static LocalS3Fixture start(LocalS3.Settings settings, String... buckets) {
    LocalS3Fixture fixture = new LocalS3Fixture(LocalS3.start(settings));
    for (String bucket : buckets) {
      fixture.createBucket(bucket);
    }
    return fixture;
  }

  public LocalS3 localS3() {
    return localS3;
  }

  /** Creates a bucket if it does not exist yet. */
  public void createBucket(String bucket) {
    // S3Proxy ignores invalid names silently; a test would then fail later with NoSuchBucket.
    if (!VALID_BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException(
          "bucket name '"
              + bucket
              + "' is not valid on S3: use 3-63 lowercase letters, digits, '.' or '-'");
    }
    localS3.createBucket(bucket);
  }

  /** Settings that reach this endpoint: path-style, region us-east-1, its static keys. */
  public S3ClientSettings settings() {
    return S3ClientSettings.endpoint(
        localS3.endpoint(), LocalS3.REGION, localS3.accessKey(), localS3.secretKey());
  }

  /** Settings with the right access key id but a wrong secret key: every request is refused. */
  public S3ClientSettings withWrongSecret() {
    return settings()
        .withCredentials(
            new S3ClientSettings.Credentials.Static(localS3.accessKey(), "wrong-" + randomKey()));
  }

  /** An SDK-backed store for {@link #settings()}, created once and closed with this fixture. */
  public synchronized ObjectStore store() {
    if (closed) {
      throw new IllegalStateException("the local S3 fixture is closed");
    }
    if (store == null) {
      store = S3ObjectStores.create(settings());
    }
    return store;
  }

  /** Writes {@code bytes} to {@code s3://bucket/key}. */
  public ObjectInfo putObject(String bucket, String key, byte[] bytes) {
    return store().put(new S3Location(bucket, key), bytes, PutOptions.defaults());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (store != null) {
        store.close();
      }
    } finally {
      localS3.close();
    }
  }

  private static String randomKey() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
