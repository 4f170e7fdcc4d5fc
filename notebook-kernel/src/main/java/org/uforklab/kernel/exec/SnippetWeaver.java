package org.uforklab.kernel.exec;

import java.util.HashSet;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the bytecode of snippet classes before they are loaded:
 * <ul>
 *   <li>a call to {@link CellGuard#check()} at every method entry and before every backward branch, so a busy
 *       loop stops on interrupt (JDK 20+'s LocalExecutionControl does the same, but its engine returns values
 *       only as strings, which would lose the live objects the notebook displays);</li>
 *   <li>{@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} redirected to {@link CellGuard},
 *       which throws {@link ExitAttemptException} (there is no SecurityManager to veto exits since JDK 24).</li>
 * </ul>
 * Library code (the uforklab jars) is not rewritten: only classes JShell compiles from cells.
 */
public final class SnippetWeaver {

    private SnippetWeaver() {
    }

    /** The woven class file; throws IllegalArgumentException when ASM does not know the class file version. */
    public static byte[] weave(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        // COMPUTE_MAXS: the inserted calls take no stack; frames stay valid because no code moves across labels.
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    return mv;
                }
                return new GuardingMethodVisitor(mv);
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Inserts the stop checks and redirects the exit calls of one method. */
    private static final class GuardingMethodVisitor extends MethodVisitor {

        /** Labels already visited: a jump to one of them goes backwards. */
        private final Set<Label> seen = new HashSet<>();

        GuardingMethodVisitor(MethodVisitor mv) {
            super(Opcodes.ASM9, mv);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            check();
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seen.contains(label)) {
                check();
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            if (anySeen(dflt, labels)) {
                check();
            }
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            if (anySeen(dflt, labels)) {
                check();
            }
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        private boolean anySeen(Label dflt, Label[] labels) {
            if (seen.contains(dflt)) {
                return true;
            }
            for (Label l : labels) {
                if (seen.contains(l)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System") && name.equals("exit")
                    && descriptor.equals("(I)V")) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, CellGuard.INTERNAL_NAME, "exit", "(I)V", false);
                return;
            }
            if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Runtime") && descriptor.equals("(I)V")
                    && (name.equals("exit") || name.equals("halt"))) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, CellGuard.INTERNAL_NAME,
                        name.equals("exit") ? "runtimeExit" : "runtimeHalt", "(Ljava/lang/Runtime;I)V", false);
                return;
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        private void check() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, CellGuard.INTERNAL_NAME, "check", "()V", false);
        }
    }
}
