package io.hivewire.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** An identify call: {@code {user_id?, aliases: [{tag, id, priority}]}}. */
public record IdentifyRequest(Optional<UUID> userId, List<Alias> aliases) {

  public IdentifyRequest {
    Objects.requireNonNull(userId, "userId is null");
    aliases = List.copyOf(aliases);
  }

  /** Parses and validates a request body; the exception lists every problem found. */
  public static IdentifyRequest parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidIdentifyException(
          List.of("the body must be a JSON object {\"user_id\"?, \"aliases\": [...]}"));
    }
    List<String> messages = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!field.getKey().equals("user_id") && !field.getKey().equals("aliases")) {
        messages.add("unknown field '" + field.getKey() + "': send user_id and aliases only");
      }
    }
    Optional<UUID> userId = Optional.empty();
    JsonNode user = body.get("user_id");
    if (user != null && !user.isNull()) {
      userId = user.isTextual() ? Uuids.parse(user.textValue()) : Optional.empty();
      if (userId.isEmpty()) {
        messages.add("user_id " + user + " is not a UUID: send the 8-4-4-4-12 hex form");
      }
    }
    List<Alias> aliases = AliasesField.parse(body.get("aliases"), messages);
    if (aliases.isEmpty() && messages.isEmpty()) {
      messages.add("aliases is empty: send at least one {\"tag\", \"id\", \"priority\"}");
    }
    if (!messages.isEmpty()) {
      throw new InvalidIdentifyException(messages);
    }
    return new IdentifyRequest(userId, aliases);
  }
}
