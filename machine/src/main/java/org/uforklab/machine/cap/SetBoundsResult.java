package org.uforklab.machine.cap;

/**
 * What {@code CapSetBounds} produced: the new capability, and whether the requested range was representable
 * exactly (no low bits of the requested base or top were lost to the 2^(E+3) alignment of an internal
 * exponent). SCBNDSE ({@link Capability#setBoundsExact}) clears the tag when {@code exact} is false.
 *
 * @param capability the resulting capability (untagged when the request was not allowed)
 * @param exact      whether the resulting bounds equal the requested ones
 */
public record SetBoundsResult(Capability capability, boolean exact) {

    @Override
    public String toString() {
        return capability + (exact ? " (exact)" : " (inexact)");
    }
}
