package io.hivewire.destinations;

import io.hivewire.destination.DestinationSpec;
import io.hivewire.secrets.AccessKey;
import java.util.Objects;

/** A validated request to create a routing destination: where to write and with which key. */
public record DestinationRequest(DestinationSpec spec, AccessKey key) {

  public DestinationRequest {
    Objects.requireNonNull(spec, "spec is null");
    Objects.requireNonNull(key, "key is null");
  }
}
