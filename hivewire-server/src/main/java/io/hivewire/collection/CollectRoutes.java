package io.hivewire.collection;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivewire.apikeys.ApiKeys;
import io.hivewire.collect.BatchFormat;
import io.hivewire.collect.EventBatch;
import io.hivewire.collect.EventCollector;
import io.hivewire.collect.IdentifyRequest;
import io.hivewire.collect.InvalidBatchException;
import io.hivewire.collect.InvalidIdentifyException;
import io.hivewire.http.ApiException;
import io.hivewire.http.ApiKeyCheck;
import io.hivewire.http.ApiServer;
import io.hivewire.http.ErrorCode;
import io.hivewire.http.EventLogFull;
import io.hivewire.routing.log.LogFullException;
import io.hivewire.routing.log.LogUnavailableException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The collection API under {@code /v2.0}: events and identify calls, for keys with the {@code
 * ingest} scope (or admin keys). A {@code 201} means the accepted records are durable.
 */
public final class CollectRoutes implements ApiServer.Routes {

  private static final int MAX_LISTED_REJECTIONS = 10;

  private final EventCollector events;
  private final IdentityService identities;
  private final ApiKeys keys;
  private final ObjectMapper json;
  private final long maxBodyBytes;
  private final EventLogFull full;
  private final CollectMetrics metrics;

  /**
   * @param full answers senders when the event log is full and tells the operator
   * @param metrics counts events and times requests
   */
  public CollectRoutes(
      EventCollector events,
      IdentityService identities,
      ApiKeys keys,
      ObjectMapper json,
      long maxBodyBytes,
      EventLogFull full,
      CollectMetrics metrics) {
    this.events = Objects.requireNonNull(events, "events is null");
    this.identities = Objects.requireNonNull(identities, "identities is null");
    this.keys = Objects.requireNonNull(keys, "keys is null");
    this.json = Objects.requireNonNull(json, "json is null");
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
    }
    this.maxBodyBytes = maxBodyBytes;
    this.full = Objects.requireNonNull(full, "full is null");
    this.metrics = Objects.requireNonNull(metrics, "metrics is null");
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.before("/v2.0/*", this::checkKey);
    routes.post("/v2.0/events", this::events);
    routes.post("/v2.0/identify", this::identify);
  }

  private void checkKey(Context ctx) {
    String presented = ctx.header(ApiKeyCheck.HEADER);
    if (!keys.allows(presented, ApiKeys.INGEST_SCOPE)) {
      throw new ApiException(
          ErrorCode.UNAUTHORIZED,
          "the collection API needs a key with the '"
              + ApiKeys.INGEST_SCOPE
              + "' scope (or the admin key) in the "
              + ApiKeyCheck.HEADER
              + " header");
    }
  }

  private void events(Context ctx) {
    EventBatch batch = metrics.time("events", () -> collect(ctx));
    ctx.status(201).contentType(ContentType.APPLICATION_JSON).result(answer(batch));
  }

  /**
   * {@code {"accepted":[{"index","event_id"}...],"rejected":[{"index","errors"}...]}}, written
   * straight to JSON: a map per event took a tenth of a request's time.
   */
  private byte[] answer(EventBatch batch) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 64 * batch.accepted().size());
    try (JsonGenerator g = json.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("accepted");
      for (EventBatch.Accepted a : batch.accepted()) {
        g.writeStartObject();
        g.writeNumberField("index", a.index());
        g.writeStringField("event_id", a.event().eventId().toString());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("rejected");
      for (EventBatch.Rejected r : batch.rejected()) {
        g.writeStartObject();
        g.writeNumberField("index", r.index());
        g.writeArrayFieldStart("errors");
        for (String message : r.messages()) {
          g.writeString(message);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      // Only a ByteArrayOutputStream is written to.
      throw new UncheckedIOException("writing the answer failed", e);
    }
    return out.toByteArray();
  }

  private EventBatch collect(Context ctx) {
    byte[] body = body(ctx);
    String contentType = Objects.requireNonNullElse(ctx.header("Content-Type"), "application/json");
    EventBatch batch = durably(() -> events.collect(body, BatchFormat.ofContentType(contentType)));
    metrics.rejected(CollectMetrics.INVALID, batch.rejected().size());
    if (batch.accepted().isEmpty()) {
      throw new ApiException(ErrorCode.INVALID_REQUEST, noneAccepted(batch));
    }
    full.appended();
    metrics.accepted(batch.accepted().size());
    return batch;
  }

  private void identify(Context ctx) {
    var userId =
        metrics.time(
            "identify",
            () -> {
              IdentifyRequest request = identifyRequest(body(ctx));
              var id = durably(() -> identities.identify(request.userId(), request.aliases()));
              full.appended();
              return id;
            });
    ctx.status(201).json(Map.of("user_id", userId.toString()));
  }

  private IdentifyRequest identifyRequest(byte[] body) {
    try {
      return IdentifyRequest.parse(json.readTree(body));
    } catch (JsonProcessingException e) {
      throw new ApiException(
          ErrorCode.INVALID_REQUEST,
          "the request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InvalidIdentifyException e) {
      throw new ApiException(ErrorCode.INVALID_REQUEST, e.getMessage());
    }
  }

  private <T> T durably(Supplier<T> work) {
    try {
      return work.get();
    } catch (InvalidBatchException e) {
      throw new ApiException(ErrorCode.INVALID_REQUEST, e.getMessage());
    } catch (LogFullException e) {
      throw full.refuse(e);
    } catch (LogUnavailableException e) {
      throw full.refuse(e);
    }
  }

  /**
   * Reads the body, refusing to buffer more than the configured maximum; into an array of its
   * declared length when it has one, rather than in pieces copied together at the end.
   */
  private byte[] body(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBodyBytes) {
      throw tooLarge();
    }
    try (InputStream in = ctx.req().getInputStream()) {
      if (declared >= 0) {
        byte[] bytes = new byte[(int) declared];
        if (in.readNBytes(bytes, 0, bytes.length) < bytes.length) {
          throw new ApiException(
              ErrorCode.INVALID_REQUEST,
              "the request body is shorter than its Content-Length of " + declared + " bytes");
        }
        return bytes;
      }
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
      if (bytes.length > maxBodyBytes) {
        throw tooLarge();
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body failed", e);
    }
  }

  private ApiException tooLarge() {
    return new ApiException(
        ErrorCode.PAYLOAD_TOO_LARGE,
        "the request body is over "
            + maxBodyBytes
            + " bytes: send fewer events per request (at most 1,000)");
  }

  private static String noneAccepted(EventBatch batch) {
    List<String> listed =
        batch.rejected().stream()
            .limit(MAX_LISTED_REJECTIONS)
            .map(r -> "event " + r.index() + ": " + String.join("; ", r.messages()))
            .toList();
    String more =
        batch.rejected().size() > MAX_LISTED_REJECTIONS
            ? " (and " + (batch.rejected().size() - MAX_LISTED_REJECTIONS) + " more)"
            : "";
    return "none of the " + batch.size() + " events is valid: " + String.join(" | ", listed) + more;
  }
}
