package io.hivewire.collect;

import java.util.List;

/** A segment that cannot be stored as sent; the message lists every problem. */
public final class InvalidAudienceSegmentException extends RuntimeException {

  public InvalidAudienceSegmentException(List<String> messages) {
    super(String.join("; ", messages));
  }
}
