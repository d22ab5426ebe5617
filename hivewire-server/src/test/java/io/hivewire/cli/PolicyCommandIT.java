package io.hivewire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivewire.s3.CallerIdentity;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.s3.StsCallerIdentity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code hivewire policy}: the configured role, else hivewire's own identity, else the example
 * principal with the warning to replace it; the document alone on stdout.
 */
class PolicyCommandIT {

  private record Outcome(int exitCode, String out, String err) {}

  private static Outcome run(CallerIdentity identity, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        new CommandLine(new PolicyCommand(source -> identity))
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Outcome(exitCode, out.toString(), err.toString());
  }

  /** The real STS lookup, against a port nobody listens on: the call is refused. */
  private static CallerIdentity refusingSts() throws IOException {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    return new StsCallerIdentity(
        new S3ClientSettings.Credentials.Static("AKIDEXAMPLE", "not-a-secret"),
        "us-east-1",
        Optional.of(closed),
        Duration.ofSeconds(5));
  }

  private static JsonNode json(String text) throws IOException {
    return new ObjectMapper().readTree(text);
  }

  @Test
  void withoutRoleOrIdentityPrintsTheExamplePolicyAndSaysToReplaceIt() throws IOException {
    Outcome outcome = run(refusingSts(), "--bucket", "my-bucket");

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    JsonNode policy = json(outcome.out());
    assertThat(policy.findValuesAsText("aws:PrincipalArn"))
        .containsOnly("arn:aws:iam::123456789012:role/hivewire-reader");
    assertThat(outcome.out()).contains("arn:aws:s3:::my-bucket/*");
    assertThat(outcome.err())
        .contains("EXAMPLE principal, replace it before attaching this policy")
        .contains("STS GetCallerIdentity failed")
        .contains("aws.role-arn (HIVEWIRE_AWS_ROLE_ARN, or --role-arn");
  }

  @Test
  void aConfiguredRoleIsNamedWithoutAnyNote() throws IOException {
    Outcome outcome =
        run(
            refusingSts(),
            "--bucket",
            "my-bucket",
            "--role-arn",
            "arn:aws:iam::210987654321:role/reader");

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    JsonNode policy = json(outcome.out());
    assertThat(policy.findValuesAsText("aws:PrincipalArn"))
        .containsOnly("arn:aws:iam::210987654321:role/reader");
    assertThat(policy.findValuesAsText("AWS")).containsOnly("arn:aws:iam::210987654321:root");
    assertThat(outcome.err()).isEmpty();
  }

  @Test
  void anAssumedRoleSessionIsNamedByItsRole() throws IOException {
    CallerIdentity session =
        () ->
            new CallerIdentity.Lookup.Found(
                "arn:aws:sts::210987654321:assumed-role/hivewire-prod/i-0123456789abcdef0");

    Outcome outcome = run(session, "--bucket", "my-bucket");

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(json(outcome.out()).findValuesAsText("aws:PrincipalArn"))
        .containsOnly("arn:aws:iam::210987654321:role/hivewire-prod");
    assertThat(outcome.err())
        .contains("the policy names arn:aws:iam::210987654321:role/hivewire-prod")
        .contains("STS GetCallerIdentity")
        .doesNotContain("EXAMPLE");
  }
}
