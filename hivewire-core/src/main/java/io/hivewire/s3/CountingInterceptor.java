package io.hivewire.s3;

import java.util.Objects;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts every HTTP attempt (retries included) per S3 operation name. */
final class CountingInterceptor implements ExecutionInterceptor {

  private final RequestCounter counter;

  CountingInterceptor(RequestCounter counter) {
    this.counter = Objects.requireNonNull(counter, "counter is null");
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
    String operation = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    counter.increment(operation == null ? "unknown" : operation);
  }
}
