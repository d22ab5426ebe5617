package io.hivewire.s3;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a ListObjectsV2 answer: the objects, the common prefixes (when a delimiter was given)
 * and the token of the next page, if any.
 */
public record ListPage(
    List<ObjectInfo> objects, List<String> commonPrefixes, Optional<String> nextToken) {

  public ListPage {
    objects = List.copyOf(Objects.requireNonNull(objects, "objects is null"));
    commonPrefixes = List.copyOf(Objects.requireNonNull(commonPrefixes, "commonPrefixes is null"));
    Objects.requireNonNull(nextToken, "nextToken is null");
  }
}
