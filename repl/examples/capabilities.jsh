// A capability tour: derive, narrow, move out of bounds, seal. Run: ./uforklab repl repl/examples/capabilities.jsh
// A line without its closing semicolon shows its value.
var root = Lab.root()
System.out.print(root.describe());

// SCVALUE then SCBNDS: 0x30 bytes at 0x40001000, exactly representable.
var obj = Lab.cap(0x40001000L, 0x30);
obj.base() == 0x40001000L && obj.lengthClamped() == 0x30

// A length the 16-bit mantissa cannot hold exactly: SCBNDS rounds the bounds outwards.
var big = Lab.cap(0x40001001L, 0x12345);
System.out.printf("asked 0x12345 bytes at 0x40001001, got [0x%x, 0x%x)%n", big.base(), big.topLow());

// Moving the address far out of bounds leaves the representable region: the tag is cleared.
obj.setValue(0x40001040L)
obj.setValue(0x50000000L).isTagged()

// Removing permissions is monotonic: what is gone does not come back.
var ro = obj.clearPerms(Perm.STORE | Perm.STORE_CAP);
ro.hasPerms(Perm.STORE)

// Decode the 128+1-bit image back: the same capability.
Lab.decode(obj.pesbt(), obj.value()).equals(obj)

// A table of derived capabilities (bounded printing).
Table.of(List.of(root, obj, big, ro), List.of("capability", "base", "length", "tagged"),
        c -> c, c -> Hex.of(c.base()), c -> c.length(), c -> c.isTagged())
