/** The real-world series: a real redis-server on the host, driven over RESP, whose Linux fork latency Fig 4 plots beside ours. */
package org.uforklab.experiments.hostredis;
