package io.hivewire.collect;

import java.util.List;

/** An identify call that cannot be resolved as sent; the message lists every problem. */
public final class InvalidIdentifyException extends RuntimeException {

  public InvalidIdentifyException(List<String> messages) {
    super(String.join("; ", messages));
  }
}
