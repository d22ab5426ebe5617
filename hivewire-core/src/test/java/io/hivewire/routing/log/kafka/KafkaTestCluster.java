package io.hivewire.routing.log.kafka;

import java.nio.file.Path;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** One in-process KRaft broker (combined with its controller), from Kafka's own test kit. */
public final class KafkaTestCluster implements AutoCloseable {

  private final KafkaClusterTestKit kit;

  private KafkaTestCluster(KafkaClusterTestKit kit) {
    this.kit = kit;
  }

  /** Formats and starts a one-node cluster with its data under {@code dir}. */
  public static KafkaTestCluster start(Path dir) throws Exception {
    KafkaClusterTestKit kit =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(dir)
                    .build())
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .build();
    kit.format();
    kit.startup();
    kit.waitForReadyBrokers();
    return new KafkaTestCluster(kit);
  }

  public String bootstrapServers() {
    return kit.bootstrapServers();
  }

  /** Stops the broker (the controller of a combined node goes with it), keeping its data. */
  public void stopBroker() {
    kit.brokers().values().forEach(b -> b.shutdown());
  }

  /** Starts the stopped broker again, on the same port and data. */
  public void restartBroker() throws Exception {
    for (var broker : kit.brokers().values()) {
      broker.startup();
    }
    kit.waitForReadyBrokers();
  }

  @Override
  public void close() {
    try {
      kit.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("stopping the test Kafka cluster failed", e);
    }
  }
}
