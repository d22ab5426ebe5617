package io.hivewire.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.hivewire.errors.InvalidInputException;
import io.hivewire.importer.filter.PartitionFilter;
import io.hivewire.imports.ImportRequest;
import io.hivewire.source.discovery.DiscoveredTable;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import io.hivewire.source.schema.ColumnType;
import io.hivewire.source.schema.ColumnType.Primitive;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ImportWizardTest {

  private static final String ACTIVE = "11111111-1111-1111-1111-111111111111";

  private static final DiscoveredTable EVENTS =
      new DiscoveredTable(
          "events",
          List.of(
              column("user_id", Primitive.BIGINT, ColumnOrigin.FILE),
              column("action", Primitive.VARCHAR, ColumnOrigin.FILE),
              column("seen_at", Primitive.TIMESTAMP, ColumnOrigin.FILE),
              column("tags", new ColumnType.ListOf(Primitive.VARCHAR), ColumnOrigin.FILE),
              column("date", Primitive.DATE, ColumnOrigin.PARTITION)),
          List.of("date"),
          2,
          2,
          100,
          Instant.parse("2026-01-01T00:00:00Z"));

  private static Column column(String name, ColumnType type, ColumnOrigin origin) {
    return new Column(name, type, true, origin);
  }

  /** The wizard for {@code fields} ({@code name=value&...}), with one Active connection. */
  private static ImportWizard wizard(String fields) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (!fields.isEmpty()) {
      for (String field : fields.split("&")) {
        String[] parts = field.split("=", 2);
        values
            .computeIfAbsent(parts[0], k -> new ArrayList<>())
            .add(parts.length > 1 ? parts[1] : "");
      }
    }
    return ImportWizard.of(
        values,
        List.of(new ImportWizard.ConnectionChoice(ACTIVE, "CRM exports", "s3://lake/sales/")),
        id -> id.equals(ACTIVE) ? List.of(EVENTS) : List.of());
  }

  private static final String CHOSEN =
      "source=S3&connectionId=" + ACTIVE + "&table=events&dataType=USER_ACTIVITY";

  /**
   * The settings as shown once for the chosen table and type, with {@code more} typed into them.
   */
  private static ImportWizard settings(String more) {
    return wizard(CHOSEN + "&settingsFor=events/USER_ACTIVITY" + more);
  }

  @Test
  void eachStepIsShownOnceTheStepsBeforeItAreChosen() {
    assertThat(wizard("").step()).isEqualTo(ImportWizard.Step.SOURCE);
    assertThat(wizard("source=S3").step()).isEqualTo(ImportWizard.Step.CONNECTION);
    assertThat(wizard("source=S3&connectionId=" + ACTIVE).step())
        .isEqualTo(ImportWizard.Step.TABLE);
    assertThat(wizard("source=S3&connectionId=" + ACTIVE + "&table=events").step())
        .isEqualTo(ImportWizard.Step.DATA_TYPE);
    ImportWizard all = wizard(CHOSEN);
    assertThat(all.step()).isEqualTo(ImportWizard.Step.SETTINGS);
    assertThat(all.shows(ImportWizard.Step.TABLE)).isTrue();
    assertThat(all.connection().orElseThrow().schemaUrl()).isEqualTo("s3://lake/sales/");
  }

  @Test
  void aConnectionThatIsNotAmongTheActiveOnesIsNotTakenAndItsStepStays() {
    ImportWizard wizard = wizard("source=S3&connectionId=22222222-2222-2222-2222-222222222222");

    assertThat(wizard.step()).isEqualTo(ImportWizard.Step.CONNECTION);
    assertThat(wizard.connections())
        .extracting(ImportWizard.ConnectionChoice::name)
        .containsExactly("CRM exports");
  }

  @Test
  void aTableThatIsNotDiscoveredIsNotTaken() {
    assertThat(wizard("source=S3&connectionId=" + ACTIVE + "&table=gone").step())
        .isEqualTo(ImportWizard.Step.TABLE);
  }

  @Test
  void eachMappingEntryOffersOnlyTheColumnsWhoseTypesFitIt() {
    List<ImportWizard.RoleField> roles = wizard(CHOSEN).roles();

    assertThat(roles)
        .extracting(ImportWizard.RoleField::name)
        .containsExactly("user_id", "timestamp");
    assertThat(roles.get(0).columns())
        .extracting(ImportWizard.ColumnChoice::name)
        .containsExactly("user_id", "action");
    assertThat(roles.get(1).columns())
        .extracting(ImportWizard.ColumnChoice::label)
        .containsExactly("seen_at (TIMESTAMP)", "date (DATE, partition)");
    assertThat(roles.get(1).types()).isEqualTo("DATE or TIMESTAMP or TIMESTAMP WITH TIME ZONE");
  }

  @Test
  void aProfilesTagIsTypedAndItTakesAttributes() {
    ImportWizard profile =
        wizard("source=S3&connectionId=" + ACTIVE + "&table=events&dataType=USER_PROFILE");

    assertThat(profile.roles())
        .extracting(ImportWizard.RoleField::name, ImportWizard.RoleField::tag)
        .containsExactly(tuple("user_id", false), tuple("user_id_tag", true));
    assertThat(profile.takesAttributes()).isTrue();
    assertThat(wizard(CHOSEN).takesAttributes()).isFalse();
  }

  @Test
  void theSettingsStartWithTheColumnOfEachEntrysNameEveryColumnAndTheApisDefaults() {
    ImportWizard wizard = wizard(CHOSEN);

    assertThat(wizard.value("mapping.user_id")).isEqualTo("user_id");
    assertThat(wizard.value("mapping.timestamp")).isEmpty();
    assertThat(wizard.list("columns"))
        .containsExactly("user_id", "action", "seen_at", "tags", "date");
    assertThat(wizard.value("name")).isEqualTo("events");
    assertThat(wizard.value("scheduleKind")).isEqualTo("MANUAL");
    assertThat(wizard.value("mode")).isEqualTo("INCREMENTAL");
    assertThat(wizard.value("onError")).isEqualTo("FAIL");
    assertThat(wizard.value("maxErrors")).isEqualTo("100");
    assertThat(wizard.freshSettings()).as("shown for the first time").isTrue();
  }

  @Test
  void whatWasTypedIntoTheSettingsIsKeptAndSentAsTheApiTakesIt() {
    ImportWizard wizard =
        settings(
            "&mapping.user_id=action&mapping.timestamp=date&columns=date&columns=action"
                + "&partitionFilter=date >= '2025-01-02'&scheduleKind=INTERVAL&schedule=PT1H"
                + "&mode=FULL_REFRESH&onError=REJECT&maxErrors=7&name=Events");

    assertThat(wizard.freshSettings()).isFalse();
    ImportRequest request = wizard.request().orElseThrow();
    assertThat(request.name()).contains("Events");
    assertThat(request.connectionId()).contains(ACTIVE);
    assertThat(request.table()).contains("events");
    assertThat(request.dataType()).contains("USER_ACTIVITY");
    assertThat(request.mapping().entries())
        .containsExactly(Map.entry("user_id", "action"), Map.entry("timestamp", "date"));
    assertThat(request.columns()).as("in the table's order").containsExactly("action", "date");
    assertThat(request.partitionFilter()).contains("date >= '2025-01-02'");
    assertThat(request.schedule()).contains("PT1H");
    assertThat(request.mode()).contains("FULL_REFRESH");
    assertThat(request.onError()).contains("REJECT");
    assertThat(request.maxErrors()).contains(7);
  }

  @Test
  void everyColumnCheckedSendsNoListSoColumnsAcceptedLaterLoadToo() {
    ImportWizard wizard =
        settings(
            "&mapping.user_id=user_id&mapping.timestamp=date&columns=user_id&columns=action"
                + "&columns=seen_at&columns=tags&columns=date&scheduleKind=MANUAL&mode=INCREMENTAL"
                + "&onError=FAIL&maxErrors=100&name=Events");

    ImportRequest request = wizard.request().orElseThrow();
    assertThat(request.columns()).isEmpty();
    assertThat(request.schedule()).contains("MANUAL");
    assertThat(request.partitionFilter()).isEmpty();
  }

  @Test
  void anInvalidPartitionFilterIsShownBesideItsFieldInTheApisWordsWithItsPosition() {
    ImportWizard wizard = settings("&partitionFilter=date >=&scheduleKind=MANUAL&maxErrors=1");

    assertThatThrownBy(() -> PartitionFilter.parse("date >="))
        .hasMessage(wizard.error("partitionFilter").orElseThrow());
    assertThat(wizard.filterCheck().problem().orElseThrow().position())
        .isEqualTo(OptionalInt.of(7));
    assertThat(wizard.invalid("partitionFilter")).contains("true");
    assertThat(wizard.focused("partitionFilter")).isTrue();
  }

  @Test
  void aFilterNamingAColumnThatIsNotAPartitionColumnIsRefusedAsTyped() {
    ImportWizard.FilterCheck check =
        ImportWizard.filterCheck("action = 'view'", Optional.of(EVENTS));

    assertThat(check.problem().orElseThrow().message())
        .contains("'action' is not a partition column");
    assertThat(check.partitionColumns()).isEqualTo("date (DATE)");
    assertThat(ImportWizard.filterCheck("date = '2025-01-01'", Optional.of(EVENTS)).problem())
        .isEmpty();
  }

  @Test
  void withoutATableAFiltersSyntaxAloneIsChecked() {
    assertThat(ImportWizard.filterCheck("date >=", Optional.empty()).problem()).isPresent();
    assertThat(ImportWizard.filterCheck("anything = 1", Optional.empty()).problem()).isEmpty();
  }

  @Test
  void aTooShortIntervalIsShownBesideTheScheduleInTheApisWords() {
    ImportWizard wizard = settings("&scheduleKind=INTERVAL&schedule=PT1M&maxErrors=1");

    assertThat(wizard.error("schedule").orElseThrow()).contains("too short", "PT5M");
    assertThat(wizard.describedBy("schedule", "schedule-help"))
        .isEqualTo("schedule-help schedule-error");
  }

  @Test
  void noColumnCheckedAndANonNumberAreRefusedBeforeAnythingIsSent() {
    ImportWizard wizard =
        settings("&mapping.user_id=user_id&mapping.timestamp=date&maxErrors=many&name=x");

    assertThat(wizard.request()).isEmpty();
    ImportWizard checked = wizard.checked();
    assertThat(checked.error("columns").orElseThrow()).contains("at least one column");
    assertThat(checked.error("maxErrors").orElseThrow()).contains("'many' is not a number");
    assertThat(checked.value("maxErrors")).isEqualTo("many");
  }

  @Test
  void theServicesRejectionIsShownBesideEachFieldItNamesAndTheFirstTakesTheFocus() {
    ImportWizard wizard = settings("&columns=user_id&maxErrors=1&name=");
    List<String> problems =
        List.of(
            "mapping.timestamp: required for USER_ACTIVITY (a column of DATE or TIMESTAMP)",
            "columns: 'nope' is not a column of table events (columns: user_id)",
            "something no field shows");

    ImportWizard rejected =
        wizard.rejected(
            new InvalidInputException(
                "mapping",
                "the import does not fit table events: " + String.join("; ", problems),
                problems));

    assertThat(rejected.error("mapping.timestamp")).contains(problems.get(0));
    assertThat(rejected.error("columns")).contains(problems.get(1));
    assertThat(rejected.general()).contains("something no field shows");
    assertThat(rejected.focused("mapping-timestamp")).isTrue();
    assertThat(rejected.describedBy("mapping.timestamp")).contains("mapping-timestamp-error");

    ImportWizard unnamed =
        wizard.rejected(
            new InvalidInputException("name", "name is required: enter a name for the import"));
    assertThat(unnamed.error("name")).contains("name is required: enter a name for the import");
    assertThat(unnamed.focused("name")).isTrue();
    assertThat(unnamed.list("columns")).as("kept").containsExactly("user_id");
  }

  @Test
  void changingTheTableOrTypeFillsTheSettingsInAgainToBeSeenBeforeCreate() {
    ImportWizard changed =
        wizard(CHOSEN + "&settingsFor=segments/USER_SEGMENTS&mapping.user_id=action&name=Kept");

    assertThat(changed.freshSettings()).isTrue();
    assertThat(changed.value("mapping.user_id")).as("still fits").isEqualTo("action");
    assertThat(changed.value("name")).isEqualTo("Kept");
  }

  @Test
  void afterMovingOnTheFocusGoesToTheStepReached() {
    assertThat(wizard("source=S3").moved().focused("connectionId")).isTrue();
    assertThat(wizard(CHOSEN).moved().focused("mapping-user_id")).isTrue();
    assertThat(wizard(CHOSEN).focused("mapping-user_id")).as("not on a first visit").isFalse();
    ImportWizard none =
        ImportWizard.of(Map.of("source", List.of("S3")), List.of(), id -> List.of()).moved();
    assertThat(none.focused("connections-link")).isTrue();
  }

  @Test
  void theFilterIsCheckedAtAnAddressNamingTheConnectionAndTable() {
    assertThat(wizard(CHOSEN).filterUrl())
        .isEqualTo("/imports/new/filter?connectionId=" + ACTIVE + "&table=events");
  }
}
