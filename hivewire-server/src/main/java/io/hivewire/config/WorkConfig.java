package io.hivewire.config;

/**
 * How much background work runs at once: discovery listing threads, validation workers and queue,
 * import runs and the files each loads in parallel.
 */
public record WorkConfig(
    int discoveryParallelism,
    int validationWorkers,
    int validationQueue,
    int importRuns,
    int importFilesPerRun) {}
