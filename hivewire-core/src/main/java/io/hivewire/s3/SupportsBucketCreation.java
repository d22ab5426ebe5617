package io.hivewire.s3;

/** Creating buckets, where the store can (for {@code hivewire s3 mb}). */
public interface SupportsBucketCreation {

  /**
   * Creates {@code bucket} in the store's region.
   *
   * @return false when the bucket already existed and is the caller's
   * @throws ObjectStoreException when it cannot be created (name taken by another account, denied)
   */
  boolean createBucket(String bucket);
}
