package io.hivewire.config;

/** How much background work runs at once: discovery listing threads, validation workers, queue. */
public record WorkConfig(int discoveryParallelism, int validationWorkers, int validationQueue) {}
