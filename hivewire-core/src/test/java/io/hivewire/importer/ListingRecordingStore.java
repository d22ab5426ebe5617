package io.hivewire.importer;

import io.hivewire.s3.ForwardingObjectStore;
import io.hivewire.s3.ListPage;
import io.hivewire.s3.ListRequest;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3Location;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real store that records the prefix of every listing and the key of every read. */
final class ListingRecordingStore extends ForwardingObjectStore {

  private final List<String> listedPrefixes = new CopyOnWriteArrayList<>();
  private final List<String> readKeys = new CopyOnWriteArrayList<>();

  ListingRecordingStore(ObjectStore delegate) {
    super(delegate);
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
    return super.list(request);
  }

  @Override
  public Optional<ObjectInfo> head(S3Location location) {
    readKeys.add(location.key());
    return super.head(location);
  }

  @Override
  public InputStream open(S3Location location) {
    readKeys.add(location.key());
    return super.open(location);
  }

  @Override
  public InputStream openRange(S3Location location, long offset, long length) {
    readKeys.add(location.key());
    return super.openRange(location, offset, length);
  }
}
