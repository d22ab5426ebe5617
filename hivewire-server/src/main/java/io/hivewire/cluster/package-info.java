/**
 * Several nodes on one database: the leases through which one node at a time claims a piece of
 * work, renews it while it works and loses it when it stops renewing. The work itself stays in its
 * feature's tables (a queued import run is a row of {@code import_runs}), so a lease only says who
 * does it; a scheduler library with tasks of its own (db-scheduler) would keep a second copy of
 * every queued run, and a lock library (ShedLock) keeps a scheduled method from running twice but
 * has no queue of work to hand to another node when one dies.
 */
package io.hivewire.cluster;
