package io.hivewire.routing.log.wal;

import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.RecordType;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The process {@link WalCrashTest} kills: appenders on several threads write records with unique
 * ids and print {@code ack <offset> <id> .} for each record once its append returned.
 */
public final class WalCrashChild {

  private WalCrashChild() {}

  /** The payload of the record with this id; the parent checks it byte for byte. */
  static String payload(String id) {
    return "{\"event_id\":\""
        + id
        + "\",\"name\":\"Pageview\",\"pad\":\""
        + "x".repeat(id.length() * 9)
        + "\"}";
  }

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[0]);
    String run = args[1];
    int threads = 4;
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    WalEventLog log = WalEventLog.open(WalSettings.defaults(directory).withSegmentBytes(64 * 1024));
    List<Thread> appenders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      appenders.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; ; i++) {
                      int count = 1 + i % 3;
                      List<String> ids = new ArrayList<>();
                      List<LogEntry> entries = new ArrayList<>();
                      for (int n = 0; n < count; n++) {
                        String id = String.format(Locale.ROOT, "%s-%d-%d-%d", run, thread, i, n);
                        ids.add(id);
                        entries.add(
                            new LogEntry(
                                RecordType.EVENTS,
                                Instant.now(),
                                payload(id).getBytes(StandardCharsets.UTF_8)));
                      }
                      long first = log.append(entries);
                      StringBuilder acks = new StringBuilder();
                      for (int n = 0; n < count; n++) {
                        acks.append("ack ")
                            .append(first + n)
                            .append(' ')
                            .append(ids.get(n))
                            .append(" .\n");
                      }
                      synchronized (out) {
                        out.print(acks);
                        out.flush();
                      }
                    }
                  }));
    }
    for (Thread appender : appenders) {
      appender.join();
    }
  }
}
