package io.hivewire.source.discovery;

import io.hivewire.s3.ForwardingObjectStore;
import io.hivewire.s3.ListPage;
import io.hivewire.s3.ListRequest;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.ObjectStoreException;
import io.hivewire.s3.S3Location;
import java.io.InputStream;
import java.util.Optional;

/**
 * A real store seen through a bucket policy that denies one key prefix, as S3 answers when a
 * policy's Deny statement covers part of a bucket.
 */
final class PrefixDenyingStore extends ForwardingObjectStore {

  private final String deniedPrefix;

  PrefixDenyingStore(ObjectStore delegate, String deniedPrefix) {
    super(delegate);
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
    return super.list(request);
  }

  @Override
  public Optional<ObjectInfo> head(S3Location location) {
    check(location.bucket(), location.key());
    return super.head(location);
  }

  @Override
  public InputStream open(S3Location location) {
    check(location.bucket(), location.key());
    return super.open(location);
  }

  @Override
  public InputStream openRange(S3Location location, long offset, long length) {
    check(location.bucket(), location.key());
    return super.openRange(location, offset, length);
  }
}
