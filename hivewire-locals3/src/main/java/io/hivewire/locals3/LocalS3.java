package io.hivewire.locals3;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/** An S3-compatible endpoint (S3Proxy) running in this process on the loopback interface. */
public final class LocalS3 implements AutoCloseable {

  /** The region every local endpoint reports; SigV4 signatures are computed against it. */
  public static final String REGION = "us-east-1";

  private final S3Proxy proxy;
  private final BlobStore blobStore;
  private final Settings settings;
  private boolean closed;

  /**
   * Where the endpoint keeps its objects and which credentials it accepts.
   *
   * @param storageDir a directory for a persistent store, or empty for an in-memory store
   * @param port the port to listen on, 0 for any free port
   */
  public record Settings(
      Optional<Path> storageDir, String host, int port, String accessKey, String secretKey) {
    public Settings {
      Objects.requireNonNull(storageDir, "storageDir is null");
      Objects.requireNonNull(host, "host is null");
      Objects.requireNonNull(accessKey, "accessKey is null");
      Objects.requireNonNull(secretKey, "secretKey is null");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      if (accessKey.isBlank() || secretKey.isBlank()) {
        throw new IllegalArgumentException("local S3 needs a non-blank access key and secret key");
      }
    }

    /** An in-memory endpoint on a free loopback port. */
    public static Settings inMemory(String accessKey, String secretKey) {
      return new Settings(Optional.empty(), "127.0.0.1", 0, accessKey, secretKey);
    }

    /** A persistent endpoint that stores objects as files under {@code dir}. */
    public static Settings onDisk(Path dir, int port, String accessKey, String secretKey) {
      return new Settings(Optional.of(dir), "127.0.0.1", port, accessKey, secretKey);
    }
  }

  private LocalS3(S3Proxy proxy, BlobStore blobStore, Settings settings) {
    this.proxy = proxy;
    this.blobStore = blobStore;
    this.settings = settings;
  }

  /** Starts an endpoint that requires AWS Signature V4 (or V2) with the given credentials. */
  public static LocalS3 start(Settings settings) {
    Objects.requireNonNull(settings, "settings is null");
    BlobStore store;
    try {
      if (settings.storageDir().isPresent()) {
        Path dir = settings.storageDir().get();
        Files.createDirectories(dir);
        store = new FilesystemNio2BlobStore(dir.toAbsolutePath().toString());
      } else {
        store = new TransientNio2BlobStore();
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "cannot create the local S3 storage directory " + settings.storageDir().get(), e);
    }
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://" + settings.host() + ":" + settings.port()))
            .awsAuthentication(
                AuthenticationType.AWS_V2_OR_V4, settings.accessKey(), settings.secretKey())
            .ignoreUnknownHeaders(true)
            .build();
    try {
      proxy.start();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!"STARTED".equals(proxy.getState())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("local S3 did not start within 30 s");
        }
        Thread.sleep(5);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopQuietly(proxy, e);
      throw new IllegalStateException("interrupted while starting local S3", e);
    } catch (Exception e) {
      stopQuietly(proxy, e);
      throw new IllegalStateException(
          "cannot start local S3 on " + settings.host() + ":" + settings.port() + ": " + e, e);
    }
    return new LocalS3(proxy, store, settings);
  }

  private static void stopQuietly(S3Proxy proxy, Exception cause) {
    try {
      proxy.stop();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }

  /** The endpoint URL to give an S3 client (path-style addressing). */
  public URI endpoint() {
    return URI.create("http://" + settings.host() + ":" + proxy.getPort());
  }

  public int port() {
    return proxy.getPort();
  }

  public String accessKey() {
    return settings.accessKey();
  }

  public String secretKey() {
    return settings.secretKey();
  }

  /** Creates a bucket if it does not exist yet. */
  public void createBucket(String bucket) {
    if (!blobStore.containerExists(bucket)) {
      blobStore.createContainer(bucket);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop local S3: " + e, e);
    } finally {
      blobStore.close();
    }
  }
}
