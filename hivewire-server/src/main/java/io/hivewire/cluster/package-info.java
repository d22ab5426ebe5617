/**
 * Several nodes on one database: each node's id and roles, and the leases through which one node at
 * a time claims a piece of work, renews it while it works and loses it when it stops renewing.
 */
package io.hivewire.cluster;
