// fault_cid: overwrites CID_EL0 (it has no capability with CompartmentID permission, so the value written
// is untagged), then makes a system call: the kernel notices and kills it.
        .text
        .global _start
_start:
        mov     x1, #99
        msr     cid_el0, c1
        mov     x0, #0
        sys     exit
