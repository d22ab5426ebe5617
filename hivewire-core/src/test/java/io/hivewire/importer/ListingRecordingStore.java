package io.hivewire.importer;

import io.hivewire.s3.ListPage;
import io.hivewire.s3.ListRequest;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.PutOptions;
import io.hivewire.s3.RequestCounts;
import io.hivewire.s3.S3Location;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real store that records the prefix of every listing and the key of every read. */
final class ListingRecordingStore implements ObjectStore {

  private final ObjectStore delegate;
  private final List<String> listedPrefixes = new CopyOnWriteArrayList<>();
  private final List<String> readKeys = new CopyOnWriteArrayList<>();

  ListingRecordingStore(ObjectStore delegate) {
    this.delegate = delegate;
  }

  List<String> listedPrefixes() {
    return List.copyOf(listedPrefixes);
  }

  List<String> readKeys() {
    return List.copyOf(readKeys);
  }

  @Override
  public ListPage list(ListRequest request) {
    listedPrefixes.add(request.prefix());
    return delegate.list(request);
  }

  @Override
  public Optional<ObjectInfo> head(S3Location location) {
    readKeys.add(location.key());
    return delegate.head(location);
  }

  @Override
  public InputStream open(S3Location location) {
    readKeys.add(location.key());
    return delegate.open(location);
  }

  @Override
  public InputStream openRange(S3Location location, long offset, long length) {
    readKeys.add(location.key());
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
