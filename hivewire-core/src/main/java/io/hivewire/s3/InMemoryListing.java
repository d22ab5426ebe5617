package io.hivewire.s3;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.Function;

/**
 * ListObjectsV2 over a sorted map of keys: prefix, delimiter (common prefixes count toward {@code
 * maxKeys}), and opaque continuation tokens that remember the last key or common prefix returned.
 */
final class InMemoryListing {

  private static final String KEY_TOKEN = "K:";
  private static final String PREFIX_TOKEN = "P:";

  private InMemoryListing() {}

  static <V> ListPage page(
      NavigableMap<String, V> objects,
      ListRequest request,
      Function<Map.Entry<String, V>, ObjectInfo> info) {
    String prefix = request.prefix();
    Optional<String> token = request.continuationToken().map(t -> decode(request, t));
    NavigableMap<String, V> tail =
        token.isPresent()
            ? objects.tailMap(token.get().substring(KEY_TOKEN.length()), false)
            : objects.tailMap(prefix, true);
    String skipPrefix =
        token.filter(t -> t.startsWith(PREFIX_TOKEN)).map(t -> t.substring(2)).orElse(null);
    List<ObjectInfo> found = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String last = null;
    for (Map.Entry<String, V> entry : tail.entrySet()) {
      String key = entry.getKey();
      if (KeyOrder.INSTANCE.compare(key, prefix) < 0
          || (skipPrefix != null && key.startsWith(skipPrefix))) {
        continue;
      }
      if (!key.startsWith(prefix)) {
        break;
      }
      Optional<String> common = commonPrefix(key, prefix, request.delimiter());
      if (common.isPresent() && common.get().equals(skipPrefix)) {
        continue;
      }
      if (found.size() + prefixes.size() == request.maxKeys()) {
        return new ListPage(found, prefixes, Optional.of(encode(last)));
      }
      if (common.isPresent()) {
        prefixes.add(common.get());
        skipPrefix = common.get();
        last = PREFIX_TOKEN + common.get();
      } else {
        found.add(info.apply(entry));
        last = KEY_TOKEN + key;
      }
    }
    return new ListPage(found, prefixes, Optional.empty());
  }

  private static Optional<String> commonPrefix(
      String key, String prefix, Optional<String> delimiter) {
    if (delimiter.isEmpty() || delimiter.get().isEmpty()) {
      return Optional.empty();
    }
    int at = key.indexOf(delimiter.get(), prefix.length());
    return at < 0 ? Optional.empty() : Optional.of(key.substring(0, at + delimiter.get().length()));
  }

  private static String encode(String token) {
    return Base64.getUrlEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(ListRequest request, String token) {
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      decoded = "";
    }
    if (!decoded.startsWith(KEY_TOKEN) && !decoded.startsWith(PREFIX_TOKEN)) {
      throw new ObjectStoreException(
          ObjectStoreException.Reason.INVALID_REQUEST,
          request.bucket(),
          request.prefix(),
          "ListObjectsV2 s3://"
              + request.bucket()
              + "/"
              + request.prefix()
              + " was rejected as invalid: continuation token '"
              + token
              + "' was not issued by this store; start the listing again without a token.");
    }
    return decoded;
  }
}
