package io.hivewire.s3;

import org.junit.jupiter.api.AfterEach;

/** The object-store contract against {@link InMemoryObjectStore}. */
class InMemoryObjectStoreTest extends ObjectStoreContract {

  private final InMemoryObjectStore store = new InMemoryObjectStore().createBucket(BUCKET);

  @Override
  ObjectStore store() {
    return store;
  }

  @AfterEach
  void closeStore() {
    store.close();
  }
}
