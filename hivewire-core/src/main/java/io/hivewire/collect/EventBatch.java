package io.hivewire.collect;

import java.util.List;
import java.util.Objects;

/**
 * A validated request body: the events accepted and those rejected, each by its position in the
 * request (0-based).
 */
public record EventBatch(List<Accepted> accepted, List<Rejected> rejected) {

  public EventBatch {
    accepted = List.copyOf(accepted);
    rejected = List.copyOf(rejected);
  }

  /** The number of events in the request. */
  public int size() {
    return accepted.size() + rejected.size();
  }

  /** An accepted event and its position in the request. */
  public record Accepted(int index, CollectedEvent event) {
    public Accepted {
      Objects.requireNonNull(event, "event is null");
    }
  }

  /** A rejected event's position in the request and why it was rejected. */
  public record Rejected(int index, List<String> messages) {
    public Rejected {
      messages = List.copyOf(messages);
    }
  }
}
