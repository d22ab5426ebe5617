package io.hivewire.routing;

/**
 * How far a destination has come: records read from the log, records and files in the bucket, and
 * the committed log position (every record below it is in an uploaded file).
 */
public record RoutingProgress(
    long recordsRead, long recordsUploaded, long filesUploaded, long committedOffset) {}
