package io.hivewire.cluster.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeRolesTest {

  @TempDir Path dataDir;

  @Test
  void rolesParseInAnyOrderAndCaseAndPrintInTheirOwnOrder() {
    NodeRoles roles = NodeRoles.parse(" Work , collect ");

    assertThat(roles.has(NodeRole.COLLECT)).isTrue();
    assertThat(roles.has(NodeRole.WORK)).isTrue();
    assertThat(roles.has(NodeRole.ROUTE)).isFalse();
    assertThat(roles).hasToString("collect,work");
    assertThat(NodeRoles.ALL).hasToString("collect,route,work");
  }

  @Test
  void unknownOrMissingRoleIsRefusedNamingTheKnownOnes() {
    assertThatThrownBy(() -> NodeRoles.parse("collect,ingest"))
        .hasMessage("'ingest' is not a role: roles are collect, route, work, comma-separated");
    assertThatThrownBy(() -> NodeRoles.parse(" , "))
        .hasMessage("no role given: roles are collect, route, work, comma-separated");
  }

  @Test
  void defaultNodeIdIsTheHostNameWithASuffixKeptInTheDataDir() {
    NodeId first = NodeId.forDataDir("Web_01.example.com", dataDir, new Random(1));
    NodeId again = NodeId.forDataDir("Web_01.example.com", dataDir, new Random(2));
    NodeId elsewhere =
        NodeId.forDataDir("Web_01.example.com", dataDir.resolve("other"), new Random(3));

    assertThat(first.value()).matches("web-01\\.example\\.com-[0-9a-f]{6}");
    assertThat(again).isEqualTo(first);
    assertThat(elsewhere).isNotEqualTo(first);
  }

  @Test
  void nodeIdWithCharactersALeaseCannotCarryIsRefused() {
    assertThatThrownBy(() -> new NodeId("node a"))
        .hasMessageContaining("node id 'node a' is not 1 to 64 letters");
  }
}
