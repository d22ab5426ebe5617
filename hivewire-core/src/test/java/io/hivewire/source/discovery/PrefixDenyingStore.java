package io.hivewire.source.discovery;

import io.hivewire.s3.ListPage;
import io.hivewire.s3.ListRequest;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.ObjectStoreException;
import io.hivewire.s3.PutOptions;
import io.hivewire.s3.RequestCounts;
import io.hivewire.s3.S3Location;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A real store seen through a bucket policy that denies one key prefix, as S3 answers when a
 * policy's Deny statement covers part of a bucket.
 */
final class PrefixDenyingStore implements ObjectStore {

  private final ObjectStore delegate;
  private final String deniedPrefix;

  PrefixDenyingStore(ObjectStore delegate, String deniedPrefix) {
    this.delegate = delegate;
    this.deniedPrefix = deniedPrefix;
  }

  private void check(String bucket, String key) {
    if (key.startsWith(deniedPrefix)) {
      throw new ObjectStoreException(
          ObjectStoreException.Reason.ACCESS_DENIED,
          bucket,
          key,
          "Access Denied (403) on s3://" + bucket + "/" + key);
    }
  }

  @Override
  public ListPage list(ListRequest request) {
    check(request.bucket(), request.prefix());
    return delegate.list(request);
  }

  @Override
  public Optional<ObjectInfo> head(S3Location location) {
    check(location.bucket(), location.key());
    return delegate.head(location);
  }

  @Override
  public InputStream open(S3Location location) {
    check(location.bucket(), location.key());
    return delegate.open(location);
  }

  @Override
  public InputStream openRange(S3Location location, long offset, long length) {
    check(location.bucket(), location.key());
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
