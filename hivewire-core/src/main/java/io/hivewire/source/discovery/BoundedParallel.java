package io.hivewire.source.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Runs one task per item on an executor, never more than a bound at a time: the caller waits for a
 * permit before handing over the next item, so nothing queues up unbounded.
 */
final class BoundedParallel {

  private final Executor executor;
  private final int parallelism;

  BoundedParallel(Executor executor, int parallelism) {
    this.executor = Objects.requireNonNull(executor, "executor is null");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    this.parallelism = parallelism;
  }

  /**
   * The results of {@code task} for every item, in item order. The first failure is rethrown (later
   * ones suppressed into it) after the running tasks finish; no new task starts once one has
   * failed.
   */
  <T, R> List<R> map(List<T> items, Function<T, R> task) {
    Semaphore permits = new Semaphore(parallelism);
    List<CompletableFuture<R>> futures = new ArrayList<>(items.size());
    for (T item : items) {
      acquire(permits);
      CompletableFuture<R> future = new CompletableFuture<>();
      futures.add(future);
      try {
        executor.execute(
            () -> {
              try {
                future.complete(task.apply(item));
              } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
              } finally {
                permits.release();
              }
            });
      } catch (RejectedExecutionException e) {
        permits.release();
        future.completeExceptionally(e);
      }
      if (futures.stream().anyMatch(CompletableFuture::isCompletedExceptionally)) {
        break;
      }
    }
    return joinAll(futures);
  }

  private static <R> List<R> joinAll(List<CompletableFuture<R>> futures) {
    List<R> results = new ArrayList<>(futures.size());
    RuntimeException failure = null;
    for (CompletableFuture<R> future : futures) {
      try {
        results.add(future.join());
      } catch (CompletionException e) {
        RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime : e;
        if (failure == null) {
          failure = cause;
        } else if (failure != cause) {
          failure.addSuppressed(cause);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return results;
  }

  private static void acquire(Semaphore permits) {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting to start the next task");
    }
  }
}
