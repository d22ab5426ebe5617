package io.hivewire.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Keeps each outside technology inside the package (or the layer of a feature) that owns it, the
 * two halves of the core apart, packages acyclic, and each feature package of the server layered:
 * routes, service, repository.
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

  /**
   * The server's feature packages: each holds one feature's routes and JSON codecs, its service and
   * its repositories.
   */
  private static final String[] FEATURES = {
    "io.hivewire.apikeys",
    "io.hivewire.audiences",
    "io.hivewire.cluster",
    "io.hivewire.collection",
    "io.hivewire.connections",
    "io.hivewire.destinations",
    "io.hivewire.imports"
  };

  /** The packages that construct the features and hand them their repositories. */
  private static final Set<String> WIRING = Set.of("io.hivewire.app", "io.hivewire.cli");

  /**
   * Imports read a connection and its last discovery from the connections feature's repositories (a
   * read API of the connections feature would replace this).
   */
  private static final Set<String> IMPORTS_READ_CONNECTIONS =
      Set.of(
          "io.hivewire.connections.ConnectionRepository",
          "io.hivewire.connections.DiscoverySnapshotRepository");

  private static final DescribedPredicate<JavaClass> ROUTES =
      topLevelNamed("routes", "Routes").and(JavaClass.Predicates.resideInAnyPackage(FEATURES));

  private static final DescribedPredicate<JavaClass> ROUTES_AND_CODECS =
      topLevelNamed("routes and JSON codecs", "Routes", "Json")
          .and(JavaClass.Predicates.resideInAnyPackage(FEATURES));

  /** Plain values: records and enums, which every layer may hand on. */
  private static final DescribedPredicate<JavaClass> VALUES =
      DescribedPredicate.describe("values", c -> c.isEnum() || c.isAssignableTo(Record.class));

  /** Repositories with everything nested in them. */
  private static final DescribedPredicate<JavaClass> REPOSITORY_CODE =
      topLevelNamed("repositories", "Repository", "Store")
          .and(JavaClass.Predicates.resideInAnyPackage(FEATURES));

  /** Repositories, not the records they return. */
  private static final DescribedPredicate<JavaClass> REPOSITORIES =
      REPOSITORY_CODE.and(DescribedPredicate.not(VALUES));

  /** What is left of a feature once routes, codecs, repositories and plain values are taken out. */
  private static final DescribedPredicate<JavaClass> SERVICES =
      DescribedPredicate.describe(
          "services",
          c ->
              JavaClass.Predicates.resideInAnyPackage(FEATURES).test(c)
                  && !ROUTES_AND_CODECS.test(c)
                  && !REPOSITORIES.test(c)
                  && !VALUES.test(c)
                  && !c.isInterface()
                  && !c.isAssignableTo(Throwable.class));

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
  static final ArchRule sqlOnlyInTheStorePackageAndRepositories =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.hivewire.store..")
          .and(DescribedPredicate.not(REPOSITORY_CODE))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.sql..", "javax.sql..", "org.postgresql..")
          .because("only the store package and the features' repositories talk to the database");

  @ArchTest
  static final ArchRule poolAndMigrationsOnlyInTheStorePackage =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.hivewire.store..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.zaxxer..", "org.flywaydb..")
          .because("the store package opens the database and migrates it");

  @ArchTest
  static final ArchRule httpOnlyInTheHttpPackageAndRoutes =
      noClasses()
          .that()
          .resideOutsideOfPackages("io.hivewire.http..", "io.hivewire.web..")
          .and(DescribedPredicate.not(topLevelNamed("route handlers", "Routes")))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..")
          .because(
              "only the http package, the features' routes and the dashboard (web) serve HTTP");

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

  @ArchTest
  static final ArchRule routesReachTheDataThroughTheirService =
      noClasses()
          .that(ROUTES_AND_CODECS)
          .should()
          .dependOnClassesThat(REPOSITORIES)
          .because("a feature is routes -> service -> repository");

  @ArchTest
  static final ArchRule nothingInAFeatureCallsBackToItsRoutes =
      noClasses()
          .that()
          .resideInAnyPackage(FEATURES)
          .and(DescribedPredicate.not(ROUTES))
          .should()
          .dependOnClassesThat(ROUTES)
          .because("a feature is routes -> service -> repository, never back");

  @ArchTest
  static final ArchRule repositoriesDoNotCallServices =
      noClasses()
          .that(REPOSITORIES)
          .should()
          .dependOnClassesThat(SERVICES)
          .because("a feature is routes -> service -> repository, never back");

  @ArchTest
  static final ArchRule noFeatureReachesIntoAnothersRepository =
      classes()
          .that(REPOSITORIES)
          .should(beUsedOnlyByTheirFeatureOrTheWiring())
          .because("a feature's data is reached through its service");

  /** Classes whose top-level class's name ends with one of {@code suffixes}. */
  private static DescribedPredicate<JavaClass> topLevelNamed(
      String description, String... suffixes) {
    return DescribedPredicate.describe(
        description,
        c -> {
          String name = c.getName();
          int nested = name.indexOf('$');
          String topLevel = nested < 0 ? name : name.substring(0, nested);
          return Arrays.stream(suffixes).anyMatch(topLevel::endsWith);
        });
  }

  private static ArchCondition<JavaClass> beUsedOnlyByTheirFeatureOrTheWiring() {
    return new ArchCondition<>("be used only by their own feature package or the wiring") {
      @Override
      public void check(JavaClass repository, ConditionEvents events) {
        for (Dependency use : repository.getDirectDependenciesToSelf()) {
          String from = use.getOriginClass().getPackageName();
          boolean allowed =
              from.equals(repository.getPackageName())
                  || WIRING.contains(from)
                  || (from.equals("io.hivewire.imports")
                      && IMPORTS_READ_CONNECTIONS.contains(repository.getName()));
          if (!allowed) {
            events.add(SimpleConditionEvent.violated(use, use.getDescription()));
          }
        }
      }
    };
  }
}
