package io.hivewire.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps each outside technology inside the one package that owns it, and packages acyclic. */
@AnalyzeClasses(
    packages = "io.hivewire",
    importOptions = {
      ImportOption.DoNotIncludeTests.class,
      ArchitectureTest.DoNotIncludeTestJars.class
    })
class ArchitectureTest {

  /**
   * Other modules' test classes reach this module in their test jars, which {@link
   * ImportOption.DoNotIncludeTests} does not recognise; tests may use DuckDB's JDBC driver.
   */
  public static final class DoNotIncludeTestJars implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("-tests.jar");
    }
  }

  @ArchTest
  static final ArchRule awsSdkOnlyInTheS3Package =
      noClasses()
          .that()
          .resideOutsideOfPackages("io.hivewire.s3..", "io.hivewire.locals3..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("software.amazon.awssdk..")
          .because("only the s3 package talks to the AWS SDK (DESIGN.md)");

  @ArchTest
  static final ArchRule sqlOnlyInTheStorePackage =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.hivewire.store..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "java.sql..", "javax.sql..", "org.postgresql..", "com.zaxxer..", "org.flywaydb..")
          .because("only the store package talks to the database (DESIGN.md)");

  @ArchTest
  static final ArchRule httpOnlyInTheApiPackage =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.hivewire.http..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..")
          .because("only the http package serves HTTP (DESIGN.md)");

  @ArchTest
  static final ArchRule coreKnowsNothingOfTheServer =
      noClasses()
          .that()
          .resideInAnyPackage(
              "io.hivewire.s3..",
              "io.hivewire.source..",
              "io.hivewire.reader..",
              "io.hivewire.routing..",
              "io.hivewire.eventlog..",
              "io.hivewire.collect..",
              "io.hivewire.destination..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.hivewire.http..",
              "io.hivewire.store..",
              "io.hivewire.cli..",
              "io.hivewire.config..",
              "io.hivewire.server..",
              "io.hivewire.connection..",
              "io.hivewire.secrets..",
              "io.hivewire.app..")
          .because("dependencies point one way: the server wires the core");

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.hivewire.(**)").should().beFreeOfCycles();
}
