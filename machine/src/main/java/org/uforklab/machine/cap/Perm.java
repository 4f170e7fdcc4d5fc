package org.uforklab.machine.cap;

/**
 * The 18 Morello permission bits as masks over the permission field (capability bits 127:110; bit i of the
 * field is capability bit 110+i), named as in the Morello manual / Sail {@code CAP_PERM_*}.
 *
 * <p>Letters used by {@link #toLetters(int)} and {@link Capability#toString()} (a letter is shown when the
 * permission is present, in this order):
 * <pre>
 *   r Load            w Store            x Execute          R LoadCap          W StoreCap
 *   L StoreLocalCap   S Seal             U Unseal           s System           B BranchSealedPair
 *   C CompartmentID   M MutableLoad      0 1 2 3 User0..3   E Executive        G Global
 * </pre>
 * The root capability therefore prints as {@code rwxRWLSUsBCM0123EG}. The first five letters follow the
 * usual CHERI {@code %#p} notation ({@code rwxRW}); the rest are uforklab's, one letter per Morello bit so
 * that every permission set prints unambiguously.
 */
public final class Perm {

    /** Global: cleared on "local" capabilities, which need StoreLocalCap to be stored. */
    public static final int GLOBAL = 1;
    /** Executive: a PCC holding it runs in Executive mode (banked registers), else Restricted. */
    public static final int EXECUTIVE = 1 << 1;
    /** User permission 0 (software-defined, no hardware meaning). */
    public static final int USER0 = 1 << 2;
    /** User permission 1. */
    public static final int USER1 = 1 << 3;
    /** User permission 2. */
    public static final int USER2 = 1 << 4;
    /** User permission 3. */
    public static final int USER3 = 1 << 5;
    /** MutableLoad: without it loaded unsealed capabilities lose Store, StoreCap, StoreLocalCap, MutableLoad. */
    public static final int MUTABLE_LOAD = 1 << 6;
    /** CompartmentID: authority to set the compartment ID. */
    public static final int COMPARTMENT_ID = 1 << 7;
    /** BranchSealedPair: both capabilities of a sealed-pair branch (BRS/BLRS Cn, Cm) need it. */
    public static final int BRANCH_SEALED_PAIR = 1 << 8;
    /** System: access to system registers (a PCC needs Execute and System). */
    public static final int SYSTEM = 1 << 9;
    /** Unseal: authority for UNSEAL (its value must equal the otype). */
    public static final int UNSEAL = 1 << 10;
    /** Seal: authority for SEAL (its value becomes the otype). */
    public static final int SEAL = 1 << 11;
    /** StoreLocalCap: needed to store a tagged capability that lacks Global. */
    public static final int STORE_LOCAL_CAP = 1 << 12;
    /** StoreCap: needed to store a tagged capability. */
    public static final int STORE_CAP = 1 << 13;
    /** LoadCap: without it loaded capabilities come back untagged (no fault). */
    public static final int LOAD_CAP = 1 << 14;
    /** Execute: instruction fetch through PCC. */
    public static final int EXECUTE = 1 << 15;
    /** Store: data stores, and every capability store. */
    public static final int STORE = 1 << 16;
    /** Load: data loads and capability loads. */
    public static final int LOAD = 1 << 17;
    /** All 18 permissions (the root capability's set). */
    public static final int ALL = 0x3FFFF;
    /** The four user permissions. */
    public static final int USER = USER0 | USER1 | USER2 | USER3;

    /** Display order of {@link #LETTERS}: masks, most significant first except the user bits. */
    private static final int[] ORDER = {LOAD, STORE, EXECUTE, LOAD_CAP, STORE_CAP, STORE_LOCAL_CAP, SEAL, UNSEAL,
        SYSTEM, BRANCH_SEALED_PAIR, COMPARTMENT_ID, MUTABLE_LOAD, USER0, USER1, USER2, USER3, EXECUTIVE, GLOBAL};
    private static final String LETTERS = "rwxRWLSUsBCM0123EG";
    private static final String[] NAMES = {"Load", "Store", "Execute", "LoadCap", "StoreCap", "StoreLocalCap",
        "Seal", "Unseal", "System", "BranchSealedPair", "CompartmentID", "MutableLoad", "User0", "User1", "User2",
        "User3", "Executive", "Global"};

    private Perm() {
    }

    /** The permissions of {@code perms} (an 18-bit field) as letters, e.g. {@code rwRW}; empty for none. */
    public static String toLetters(int perms) {
        StringBuilder sb = new StringBuilder(ORDER.length);
        for (int i = 0; i < ORDER.length; i++) {
            if ((perms & ORDER[i]) != 0) {
                sb.append(LETTERS.charAt(i));
            }
        }
        return sb.toString();
    }

    /** The permissions of {@code perms} as manual names joined by {@code |}, e.g. {@code Load|Store}. */
    public static String toNames(int perms) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ORDER.length; i++) {
            if ((perms & ORDER[i]) != 0) {
                if (!sb.isEmpty()) {
                    sb.append('|');
                }
                sb.append(NAMES[i]);
            }
        }
        return sb.isEmpty() ? "none" : sb.toString();
    }

    /**
     * Parses letters as printed by {@link #toLetters(int)} (any order) back to a mask.
     *
     * @throws IllegalArgumentException naming the first character that is not a permission letter
     */
    public static int fromLetters(String letters) {
        int mask = 0;
        for (int i = 0; i < letters.length(); i++) {
            int at = LETTERS.indexOf(letters.charAt(i));
            if (at < 0) {
                throw new IllegalArgumentException("'" + letters.charAt(i) + "' is not a permission letter (one of "
                        + LETTERS + ")");
            }
            mask |= ORDER[at];
        }
        return mask;
    }
}
