package io.hivewire.importer.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.s3.InMemoryObjectStore;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.PutOptions;
import io.hivewire.s3.S3Location;
import io.hivewire.source.DataFormat;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.SchemaReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewestFileSchemaTest {

  private final InMemoryObjectStore store = new InMemoryObjectStore().createBucket("b");

  private ObjectInfo put(String key, String text) {
    return store.put(
        new S3Location("b", key), text.getBytes(StandardCharsets.UTF_8), PutOptions.defaults());
  }

  @Test
  void csvColumnsComeFromTheLastFileByKeyAsInDiscovery() {
    ObjectInfo newest = put("t/part-0002.csv", "id,name,country\n1,a,DE\n");
    ObjectInfo oldest = put("t/part-0001.csv", "id,name\n1,a\n");

    List<Column> columns =
        new NewestFileSchema(new SchemaReader(store))
            .readSchema("b", DataFormat.CSV, List.of(oldest, newest));

    assertThat(columns).extracting(Column::name).containsExactly("id", "name", "country");
    assertThat(new SchemaReader(store).readSchema("b", DataFormat.CSV, List.of(oldest, newest)))
        .extracting(Column::name)
        .containsExactly("id", "name", "country");
  }
}
