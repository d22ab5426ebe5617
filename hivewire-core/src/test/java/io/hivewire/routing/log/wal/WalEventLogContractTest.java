package io.hivewire.routing.log.wal;

import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.EventLogContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The local write-ahead log keeps the event log contract, as its one partition. */
class WalEventLogContractTest extends EventLogContract {

  @TempDir Path dir;

  @Override
  protected EventLog openLog() {
    return WalEventLog.open(WalSettings.defaults(dir.resolve("log")));
  }
}
