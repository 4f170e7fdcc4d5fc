/** Emulated TCP sockets: a listener with an accept backlog and connections whose data arrives at set emulated times. */
package org.uforklab.sasos.net;
