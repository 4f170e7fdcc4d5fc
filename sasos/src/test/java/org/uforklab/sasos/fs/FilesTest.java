package org.uforklab.sasos.fs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FilesTest {

    @Test
    void ramFsOpenWriteSeekReadUnlink() {
        RamFs fs = new RamFs();
        assertThat(fs.open("/a", RamFs.O_RDONLY)).isEqualTo(-2L);
        assertThat(fs.open("rel", RamFs.O_CREAT)).isEqualTo(-2L);
        FileObject f = (FileObject) fs.open("/a", RamFs.O_CREAT | RamFs.O_RDWR);
        assertThat(f.write("hello".getBytes())).isEqualTo(5);
        assertThat(f.lseek(10, 0)).isEqualTo(10);
        assertThat(f.write("!".getBytes())).isEqualTo(1);
        assertThat(fs.lookup("/a").size()).isEqualTo(11);
        assertThat(fs.lookup("/a").contents()[7]).isZero(); // the hole reads as zeros
        assertThat(f.lseek(-1, 0)).isEqualTo(-22);
        f.lseek(1, 0);
        byte[][] out = new byte[1][];
        assertThat(f.read(out, 3)).isEqualTo(3);
        assertThat(new String(out[0])).isEqualTo("ell");
        assertThat(fs.unlink("/a")).isZero();
        assertThat(fs.unlink("/a")).isEqualTo(-2);
        assertThat(f.read(out, 100)).isEqualTo(7); // still readable through the open description
        FileObject ro = (FileObject) fs.open("/b", RamFs.O_CREAT);
        assertThat(ro.write(new byte[1])).isEqualTo(-9);
        assertThat(fs.open("/b", RamFs.O_CREAT | RamFs.O_EXCL)).isEqualTo(-17L);
    }

    @Test
    void ramFsFileSpansBlocksHoldsNoMemoryForHolesAndTruncates() {
        RamFs fs = new RamFs();
        FileObject f = (FileObject) fs.open("/big", RamFs.O_CREAT | RamFs.O_RDWR);
        byte[] run = new byte[100_000]; // crosses the first 64 KiB block boundary
        for (int i = 0; i < run.length; i++) {
            run[i] = (byte) (i * 7 + 1);
        }
        assertThat(f.write(run)).isEqualTo(run.length);
        assertThat(f.lseek(1_000_000, 0)).isEqualTo(1_000_000);
        assertThat(f.write(new byte[] {42})).isEqualTo(1);
        RamFs.Inode i = fs.lookup("/big");
        assertThat(i.size()).isEqualTo(1_000_001);
        // blocks 0 and 1 hold the run, block 15 the last byte; the 13 blocks of the hole hold nothing
        assertThat(i.blockBytes()).isEqualTo(3 * 64 * 1024);
        byte[] all = i.contents();
        assertThat(java.util.Arrays.copyOf(all, run.length)).isEqualTo(run);
        assertThat(all[500_000]).isZero();
        assertThat(all[1_000_000]).isEqualTo((byte) 42);
        f.lseek(65_530, 0);
        byte[][] out = new byte[1][];
        assertThat(f.read(out, 12)).isEqualTo(12); // a read across the boundary
        assertThat(out[0]).isEqualTo(java.util.Arrays.copyOfRange(run, 65_530, 65_542));
        FileObject t = (FileObject) fs.open("/big", RamFs.O_WRONLY | RamFs.O_TRUNC);
        assertThat(i.size()).isZero();
        assertThat(i.blockBytes()).isZero();
        t.write("x".getBytes());
        assertThat(i.contents()).containsExactly('x');
        assertThat(fs.put("/big", new byte[3]).contents()).containsExactly(0, 0, 0);
    }

    @Test
    void pipeBlocksWhenEmptyOrFullAndEndsWithEofOrEpipe() {
        Pipe p = new Pipe(1);
        FileObject r = p.readEnd();
        FileObject w = p.writeEnd();
        byte[][] out = new byte[1][];
        assertThat(r.read(out, 10)).isEqualTo(FileObject.BLOCK);
        assertThat(w.write(new byte[Pipe.CAPACITY + 10])).isEqualTo(Pipe.CAPACITY);
        assertThat(w.write(new byte[1])).isEqualTo(FileObject.BLOCK);
        assertThat(r.read(out, Pipe.CAPACITY)).isEqualTo(Pipe.CAPACITY);
        w.release();
        assertThat(r.read(out, 10)).isZero();
        Pipe q = new Pipe(2);
        q.readEnd().release();
        assertThat(q.writeEnd().write(new byte[1])).isEqualTo(-32);
        assertThat(r.lseek(0, 0)).isEqualTo(-29);
    }

    @Test
    void fdTableSharesDescriptionsAndCopiesForFork() {
        FdTable t = new FdTable();
        Pipe p = new Pipe(3);
        OpenFile w = new OpenFile(p.writeEnd());
        assertThat(t.install(w)).isZero();
        assertThat(t.install(w.retain())).isEqualTo(1);
        FdTable child = t.copy();
        assertThat(w.refs()).isEqualTo(4);
        t.closeAll();
        assertThat(w.refs()).isEqualTo(2);
        assertThat(child.get(1)).isSameAs(w);
        assertThat(t.close(0)).isFalse();
        child.installAt(1, new OpenFile(p.readEnd()));
        assertThat(w.refs()).isEqualTo(1);
        assertThat(child.toString()).contains("pipe 3 write end").contains("pipe 3 read end");
    }
}
