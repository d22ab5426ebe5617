package io.hivewire.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.importer.DataType;
import io.hivewire.importer.ImportDefinition;
import io.hivewire.importer.ImportMode;
import io.hivewire.importer.ImportRun;
import io.hivewire.importer.Mapping;
import io.hivewire.importer.OnError;
import io.hivewire.importer.RunStatus;
import io.hivewire.importer.RunTotals;
import io.hivewire.importer.Schedule;
import io.hivewire.importer.StoredImport;
import io.hivewire.importer.load.Reject;
import io.hivewire.importer.schema.ChangeKind;
import io.hivewire.importer.schema.OfferedColumn;
import io.hivewire.importer.schema.SchemaChanges;
import io.hivewire.importer.schema.UnsupportedChange;
import io.hivewire.imports.ImportSchemaService;
import io.hivewire.imports.ImportService;
import io.hivewire.imports.ImportTableStore.StoredReject;
import io.hivewire.imports.SchemaCheckView;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import io.hivewire.source.schema.ColumnType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ImportViewsTest {

  private static final UUID IMPORT = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID CONNECTION = UUID.fromString("00000000-0000-0000-0000-00000000000c");
  private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

  private static ImportService.ImportDetails details(Optional<ImportRun> lastRun) {
    ImportDefinition definition =
        new ImportDefinition(
            "Segments",
            CONNECTION,
            "segments",
            DataType.USER_SEGMENTS,
            new Mapping(Map.of("user_id", "user_id", "segment", "segment"), List.of()),
            List.of(),
            Optional.empty(),
            new Schedule.Manual(),
            ImportMode.INCREMENTAL,
            OnError.REJECT,
            10);
    return new ImportService.ImportDetails(
        new StoredImport(IMPORT, definition, "import_segments", AT),
        lastRun,
        List.of("user_id", "segment"));
  }

  private static ImportRun run(RunStatus status, long rejected) {
    return new ImportRun(
        UUID.randomUUID(),
        IMPORT,
        false,
        status,
        new RunTotals(2, 2, 0, 0, 0, 1000, 10, 10 - rejected, rejected, List.of()),
        AT,
        Optional.of(AT),
        Optional.empty());
  }

  private static ImportViews.Detail detail(
      Optional<ImportRun> lastRun,
      List<ImportRun> shown,
      Optional<UUID> before,
      Optional<UUID> next) {
    return ImportViews.detail(
        details(lastRun),
        Map.of(CONNECTION, "Lake"),
        new ImportService.RunPage(shown, next),
        before);
  }

  @Test
  void aPageOfRunsLinksTheOlderPageAndRefreshesItselfFromTheSamePage() {
    ImportRun newest = run(RunStatus.SUCCEEDED, 0);
    UUID before = UUID.randomUUID();
    UUID older = UUID.randomUUID();

    ImportViews.Detail page =
        detail(Optional.of(newest), List.of(newest), Optional.of(before), Optional.of(older));

    assertThat(page.olderHref()).contains("/imports/" + IMPORT + "?before=" + older);
    assertThat(page.livePath()).isEqualTo("/imports/" + IMPORT + "/live?before=" + before);
    assertThat(page.runs()).extracting(ImportViews.Run::id).containsExactly(newest.id().toString());
  }

  @Test
  void theNewestPageRefreshesWithoutBeforeAndTheLastPageLinksNoOlderOne() {
    ImportRun newest = run(RunStatus.SUCCEEDED, 0);

    ImportViews.Detail page =
        detail(Optional.of(newest), List.of(newest), Optional.empty(), Optional.empty());

    assertThat(page.olderHref()).isEmpty();
    assertThat(page.before()).isEmpty();
    assertThat(page.livePath()).isEqualTo("/imports/" + IMPORT + "/live");
  }

  @Test
  void anOlderPageStillKnowsThatTheImportsNewestRunIsGoing() {
    ImportRun running = run(RunStatus.RUNNING, 0);
    ImportRun old = run(RunStatus.FAILED, 0);

    ImportViews.Detail olderPage =
        detail(
            Optional.of(running), List.of(old), Optional.of(UUID.randomUUID()), Optional.empty());
    ImportViews.Detail finished =
        detail(Optional.of(old), List.of(old), Optional.empty(), Optional.empty());

    assertThat(olderPage.busy()).as("Run now stays disabled on every page").isTrue();
    assertThat(olderPage.runs().getFirst().running()).isFalse();
    assertThat(finished.busy()).isFalse();
    assertThat(detail(Optional.empty(), List.of(), Optional.empty(), Optional.empty()).busy())
        .isFalse();
  }

  @Test
  void onlyARunThatRejectedRowsLinksThem() {
    ImportRun clean = run(RunStatus.SUCCEEDED, 0);
    ImportRun rejecting = run(RunStatus.SUCCEEDED, 3);

    ImportViews.Detail page =
        detail(
            Optional.of(rejecting), List.of(rejecting, clean), Optional.empty(), Optional.empty());

    assertThat(page.runs()).extracting(ImportViews.Run::rejected).containsExactly(true, false);
    assertThat(page.runs().getFirst().rows()).isEqualTo("7 loaded, 3 rejected");
  }

  private static SchemaCheckView check(SchemaChanges changes, Optional<String> error) {
    return new SchemaCheckView(IMPORT, AT, ImportSchemaService.RESYNC, changes, error);
  }

  @Test
  void noBannerWhileTheFilesStillMatchTheImportsColumns() {
    assertThat(SchemaBanner.of(check(new SchemaChanges(List.of(), List.of()), Optional.empty())))
        .isEmpty();
  }

  @Test
  void theBannerSaysWhereEachOfferedColumnGoesAndTheRuleOfEachUnsupportedChange() {
    SchemaChanges changes =
        new SchemaChanges(
            List.of(
                new OfferedColumn(
                    new Column("country", ColumnType.Primitive.VARCHAR, true, ColumnOrigin.FILE),
                    4,
                    Optional.of("amount")),
                new OfferedColumn(
                    new Column("id", ColumnType.Primitive.BIGINT, true, ColumnOrigin.FILE),
                    1,
                    Optional.empty()),
                new OfferedColumn(
                    new Column(
                        "region", ColumnType.Primitive.VARCHAR, true, ColumnOrigin.PARTITION),
                    6,
                    Optional.of("date"))),
            List.of(
                new UnsupportedChange(
                    ChangeKind.NEW_COLUMN_NOT_NULLABLE,
                    "score",
                    "column 'score' is required",
                    "new columns must allow NULL")));

    SchemaBanner banner = SchemaBanner.of(check(changes, Optional.empty())).orElseThrow();

    assertThat(banner.offered())
        .containsExactly(
            new SchemaBanner.Offered("country", "VARCHAR", "after amount"),
            new SchemaBanner.Offered("id", "BIGINT", "first column"),
            new SchemaBanner.Offered(
                "region", "VARCHAR", "partition column, after the other partition columns"));
    assertThat(banner.unsupported())
        .containsExactly(
            new SchemaBanner.Unsupported(
                "New column not nullable",
                "score",
                "column 'score' is required",
                "new columns must allow NULL"));
    assertThat(banner.checked())
        .isEqualTo("Checked by the connection's resync at 2026-03-01 12:00:00 UTC");
    assertThat(banner.error()).isEmpty();
  }

  @Test
  void aCheckThatCouldNotReadTheTableShowsItsErrorInTheBanner() {
    SchemaBanner banner =
        SchemaBanner.of(
                check(
                    new SchemaChanges(List.of(), List.of()),
                    Optional.of("table segments cannot be read")))
            .orElseThrow();

    assertThat(banner.error()).contains("table segments cannot be read");
    assertThat(banner.offered()).isEmpty();
  }

  private static List<StoredReject> rejects(long firstId, int count) {
    return LongStream.range(firstId, firstId + count)
        .mapToObj(
            id ->
                new StoredReject(
                    id,
                    new Reject("data/part-0.csv", id + 1, Optional.of("amount"), "bad", "x" + id)))
        .toList();
  }

  @Test
  void aFullPageOfRejectsLinksTheNextFromItsLastIdAndAShortOneIsTheLast() {
    ImportViews.Row row = ImportViews.row(details(Optional.empty()), Map.of(CONNECTION, "Lake"));

    RejectsView full = RejectsView.of(row, rejects(1, 100), 0, 100);
    RejectsView last = RejectsView.of(row, rejects(101, 7), 100, 100);

    assertThat(full.first()).isTrue();
    assertThat(full.nextHref()).contains("/imports/" + IMPORT + "/rejects?after=100");
    assertThat(last.first()).isFalse();
    assertThat(last.nextHref()).isEmpty();
    assertThat(last.rejects().getFirst())
        .isEqualTo(new RejectsView.Line("data/part-0.csv", "102", "amount", "x101", "bad"));
  }

  @Test
  void aRejectedValueAndAWholeRowRejectRenderAsText() {
    ImportViews.Row row = ImportViews.row(details(Optional.empty()), Map.of(CONNECTION, "Lake"));
    List<StoredReject> page =
        List.of(
            new StoredReject(
                1,
                new Reject(
                    "data/\"><b>.csv",
                    2,
                    Optional.empty(),
                    "2 fields, the header has 3",
                    "<script>alert(1)</script>")));

    String html =
        new Templates()
            .render(
                "import-rejects.jte",
                Map.of(
                    "chrome",
                    new Chrome("Rejected rows", Chrome.Section.IMPORTS, "token", true),
                    "r",
                    RejectsView.of(row, page, 0, 100),
                    "problem",
                    Optional.empty()));

    assertThat(html)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("data/\"&gt;&lt;b&gt;.csv")
        .contains("(whole row)")
        .doesNotContain("<script>alert")
        .doesNotContain("<b>");
  }
}
