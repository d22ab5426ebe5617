package io.hivewire.s3;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The object-store contract against the SDK store talking to S3Proxy (in memory, SigV4). */
class SdkObjectStoreIT extends ObjectStoreContract {

  private static LocalS3Fixture s3;

  @BeforeAll
  static void startS3() {
    s3 = LocalS3Fixture.start(BUCKET);
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  @Override
  ObjectStore store() {
    return s3.store();
  }
}
