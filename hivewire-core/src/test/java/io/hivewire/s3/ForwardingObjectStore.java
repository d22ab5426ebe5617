package io.hivewire.s3;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A store that passes every call to another one, for tests that watch or disturb a few calls of a
 * real store and override only those.
 *
 * <p>{@link #multipart()} is not passed on: it stays empty so that every write goes through {@link
 * #put}; a subclass that wants the delegate's multipart uploads overrides it.
 */
public abstract class ForwardingObjectStore implements ObjectStore {

  private final ObjectStore delegate;

  protected ForwardingObjectStore(ObjectStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate is null");
  }

  /** The store the calls are passed to. */
  protected final ObjectStore delegate() {
    return delegate;
  }

  @Override
  public ListPage list(ListRequest request) {
    return delegate.list(request);
  }

  @Override
  public Optional<ObjectInfo> head(S3Location location) {
    return delegate.head(location);
  }

  @Override
  public InputStream open(S3Location location) {
    return delegate.open(location);
  }

  @Override
  public InputStream openRange(S3Location location, long offset, long length) {
    return delegate.openRange(location, offset, length);
  }

  @Override
  public ObjectInfo put(S3Location location, byte[] body, PutOptions options) {
    return delegate.put(location, body, options);
  }

  @Override
  public ObjectInfo put(S3Location location, Path file, PutOptions options) {
    return delegate.put(location, file, options);
  }

  @Override
  public void delete(S3Location location) {
    delegate.delete(location);
  }

  @Override
  public String bucketRegion(String bucket) {
    return delegate.bucketRegion(bucket);
  }

  @Override
  public RequestCounts requestCounts() {
    return delegate.requestCounts();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
