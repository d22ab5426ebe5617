package io.hivewire.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps each outside technology inside the one package that owns it, the two halves of the core
 * apart, and packages acyclic.
 */
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
          .because("only the s3 package talks to the AWS SDK (docs/architecture.md)");

  @ArchTest
  static final ArchRule sqlOnlyInTheStorePackage =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.hivewire.store..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "java.sql..", "javax.sql..", "org.postgresql..", "com.zaxxer..", "org.flywaydb..")
          .because("only the store package talks to the database (docs/architecture.md)");

  @ArchTest
  static final ArchRule httpOnlyInTheApiAndDashboardPackages =
      noClasses()
          .that()
          .resideOutsideOfPackages("io.hivewire.http..", "io.hivewire.web..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..")
          .because(
              "only the http package (the API) and the web package (the dashboard) serve HTTP"
                  + " (docs/architecture.md)");

  /** The packages of hivewire-core: the source half, the routing half, and s3 under both. */
  static final String S3 = "io.hivewire.s3..";

  static final String[] SOURCE_HALF = {
    "io.hivewire.source..", "io.hivewire.reader..", "io.hivewire.importer.."
  };

  static final String[] ROUTING_HALF = {
    "io.hivewire.routing..", "io.hivewire.collect..", "io.hivewire.destination.."
  };

  /** A rule over a package that has no classes passes whatever it says: each one must exist. */
  @ArchTest
  static void everyCorePackageTheRulesNameExists(JavaClasses classes) {
    List<String> named = new ArrayList<>(List.of(S3));
    named.addAll(List.of(SOURCE_HALF));
    named.addAll(List.of(ROUTING_HALF));
    assertThat(named)
        .allSatisfy(
            pattern -> {
              String name = pattern.substring(0, pattern.length() - 2);
              assertThat(classes.containPackage(name)).as(name + " has classes").isTrue();
            });
  }

  @ArchTest
  static final ArchRule theS3PackageDependsOnNoOtherHivewirePackage =
      noClasses()
          .that()
          .resideInAPackage(S3)
          .should()
          .dependOnClassesThat(resideInAPackage("io.hivewire..").and(resideOutsideOfPackage(S3)))
          .allowEmptyShould(false)
          .because("both halves build on s3, so it builds on neither (docs/architecture.md)");

  @ArchTest
  static final ArchRule theRoutingHalfKnowsNothingOfTheSourceHalf =
      noClasses()
          .that()
          .resideInAnyPackage("io.hivewire.routing..", "io.hivewire.collect..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(SOURCE_HALF)
          .allowEmptyShould(false)
          .because(
              "routing and collection share only s3 with imports, so each half changes alone"
                  + " (docs/architecture.md)");

  @ArchTest
  static final ArchRule theSourceHalfKnowsNothingOfTheRoutingHalf =
      noClasses()
          .that()
          .resideInAnyPackage(SOURCE_HALF)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ROUTING_HALF)
          .allowEmptyShould(false)
          .because(
              "imports share only s3 with routing, so each half changes alone"
                  + " (docs/architecture.md)");

  @ArchTest
  static final ArchRule theCoreNeitherServesNorCallsHttpItself =
      noClasses()
          .that()
          .resideInAnyPackage(concat(S3, SOURCE_HALF, ROUTING_HALF))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.net.http..", "com.sun.net.httpserver..", "io.javalin..")
          .allowEmptyShould(false)
          .because(
              "the core reaches S3 through the AWS SDK only, and serving HTTP is the server's"
                  + " (docs/architecture.md)");

  private static String[] concat(String first, String[]... rest) {
    List<String> all = new ArrayList<>(List.of(first));
    for (String[] more : rest) {
      all.addAll(List.of(more));
    }
    return all.toArray(String[]::new);
  }

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.hivewire.(**)").should().beFreeOfCycles();
}
