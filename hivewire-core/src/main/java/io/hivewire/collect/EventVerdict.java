package io.hivewire.collect;

import java.util.List;
import java.util.Objects;

/** The outcome of validating one event: accepted as a {@link CollectedEvent}, or rejected. */
public sealed interface EventVerdict {

  /** The event is valid. */
  record Accepted(CollectedEvent event) implements EventVerdict {
    public Accepted {
      Objects.requireNonNull(event, "event is null");
    }
  }

  /** The event breaks at least one rule; each message names the field and the fix. */
  record Rejected(List<String> messages) implements EventVerdict {
    public Rejected {
      messages = List.copyOf(messages);
      if (messages.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs at least one message");
      }
    }
  }
}
