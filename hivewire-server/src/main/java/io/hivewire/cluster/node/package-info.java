/** A node's id and roles: plain values that the configuration and the leases share. */
package io.hivewire.cluster.node;
