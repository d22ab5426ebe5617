package io.hivewire.collect;

import java.util.Locale;

/** How a batch of events is encoded in a request body. */
public enum BatchFormat {
  /** One JSON object, or a JSON array of objects. */
  JSON,
  /** One JSON object per line ({@code application/x-ndjson}). */
  NDJSON;

  /** The format of a {@code Content-Type}: NDJSON for {@code application/x-ndjson}, else JSON. */
  public static BatchFormat ofContentType(String contentType) {
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return mediaType.equals("application/x-ndjson") || mediaType.equals("application/jsonl")
        ? NDJSON
        : JSON;
  }
}
