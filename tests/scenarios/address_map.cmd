# ARGS: fx_memmap
# !address over a process with one of each kind of memory, stopped in its
# second thread: the program's image and libc by module, the heap, each
# thread's stack (the region holding that thread's rsp) and the guard page
# under the second's, the heap of the second thread's glibc arena (64 MB
# at a 64 MB boundary: its used part committed, the rest reserved), the
# first thread's TLS block (its fs_base), a file mapping, a PROT_NONE
# mapping (only reserved address space: <unknown>, not a Guard, as it is
# below no stack), the kernel's pages and lindbg's own page of
# out-of-line copies; then one address of each kind, and the totals.
bp fx_stop
g
!address
!address libc!malloc
!address poi(fx_heap)
!address poi(fx_thread_heap)
!address @rsp
~0 !address @rsp
~0 !address @fs_base
!address poi(fx_file_map)
!address poi(fx_none_map)+0x1000
!address 0x1000
!address -summary
!address 0x900000000000
!address -bogus
# CHECK: 0:001> !address
# CHECK: BaseAddress      EndAddress+1        RegionSize     Type       State                 Protect             Usage
# CHECK-NEXT: -------
# CHECK-NEXT: + 0`00000000 5555`55554000 5555`55554000 MEM_FREE PAGE_NOACCESS Free
# CHECK-NEXT: + 5555`55554000 5555`55555000 0`00001000 MEM_IMAGE MEM_COMMIT PAGE_READONLY Image [fx_memmap; "{{.*}}/fx_memmap"]
# CHECK-NEXT: {{^ +}}5555`55555000 5555`55556000 0`00001000 MEM_IMAGE MEM_COMMIT PAGE_EXECUTE_READ Image [fx_memmap; "{{.*}}/fx_memmap"]
# CHECK-DAG: + 5555`{{[0-9a-f]+}} 5555`{{[0-9a-f]+}} 0`{{[0-9a-f]+}} MEM_PRIVATE MEM_COMMIT PAGE_READWRITE Heap
# CHECK-DAG: + 7fff`{{[0-9a-f]+}} 7fff`{{[0-9a-f]+}} 0`00001000 MEM_PRIVATE MEM_RESERVE PAGE_NOACCESS Guard [~1; [[PID:[0-9a-f]+]].[[TID1:[0-9a-f]+]]]
# CHECK-DAG: + 7fff`{{[0-9a-f]+}} 7fff`{{[0-9a-f]+}} 0`{{[0-9a-f]+}} MEM_PRIVATE MEM_COMMIT PAGE_READWRITE Stack [~1; [[PID]].[[TID1]]]
# CHECK-DAG: + 7fff`{{[0-9a-f]+}} 7fff`{{[0-9a-f]+}} 0`{{[0-9a-f]+}} MEM_PRIVATE MEM_COMMIT PAGE_READWRITE TLS [~0; [[PID]].[[PID]]]
# CHECK-DAG: + 7fff`{{[0-9a-f]+}} 7fff`{{[0-9a-f]+}} 0`{{[0-9a-f]+}} MEM_IMAGE MEM_COMMIT PAGE_READONLY Image [libc; "{{.*}}/libc.so.6"]
# CHECK-DAG: {{^ +}}7fff`{{[0-9a-f]+}} 7fff`{{[0-9a-f]+}} 0`{{[0-9a-f]+}} MEM_IMAGE MEM_COMMIT PAGE_EXECUTE_READ Image [libc; "{{.*}}/libc.so.6"]
# CHECK-DAG: + 7fff`{{[0-9a-f]+}} 7fff`{{[0-9a-f]+}} 0`00002000 MEM_PRIVATE MEM_RESERVE PAGE_NOACCESS <unknown> {{$}}
# CHECK-DAG: + 7fff`{{[0-9a-f][048c]}}000000 7fff`[[ARENA_USED:[0-9a-f]+]] 0`{{[0-9a-f]+}} MEM_PRIVATE MEM_COMMIT PAGE_READWRITE Heap {{$}}
# CHECK-DAG: {{^ +}}7fff`[[ARENA_USED]] 7fff`{{[0-9a-f]+}} 0`{{[0-9a-f]+}} MEM_PRIVATE MEM_RESERVE PAGE_NOACCESS Heap {{$}}
# CHECK-DAG: + 7fff`{{[0-9a-f]+}} 7fff`{{[0-9a-f]+}} 0`00001000 MEM_MAPPED MEM_COMMIT PAGE_READONLY MappedFile "{{.*}}/fx_memmap"
# CHECK-DAG: + 7fff`{{[0-9a-f]+}} 7fff`{{[0-9a-f]+}} 0`{{[0-9a-f]+}} MEM_PRIVATE MEM_COMMIT PAGE_READONLY Other [vvar]
# CHECK-DAG: + 7fff`{{[0-9a-f]+}} 7fff`{{[0-9a-f]+}} 0`{{[0-9a-f]+}} MEM_IMAGE MEM_COMMIT PAGE_EXECUTE_READ Image [linux_vdso; "linux-vdso.so.1"]
# CHECK-DAG: + 7fff`{{[0-9a-f]+}} 7fff`{{[0-9a-f]+}} 0`{{[0-9a-f]+}} MEM_IMAGE MEM_COMMIT PAGE_READONLY Image [ld_linux_x86_64; "{{.*}}/ld-linux-x86-64.so.2"]
# CHECK-DAG: + 7fff`{{[0-9a-f]+}} 7fff`{{[0-9a-f]+}} 0`00001000 MEM_PRIVATE MEM_COMMIT PAGE_EXECUTE_READ Other [lindbg out-of-line copies]
# CHECK-DAG: + 7fff`{{[0-9a-f]+}} 7fff`fffff000 0`{{[0-9a-f]+}} MEM_PRIVATE MEM_COMMIT PAGE_READWRITE Stack [~0; [[PID]].[[PID]]]
# CHECK-DAG: + ffffffff`ff600000 ffffffff`ff601000 0`00001000 MEM_PRIVATE MEM_COMMIT PAGE_EXECUTE Other [vsyscall]
# CHECK: --- Usage Summary ---------------- RgnCount ----------- Total Size -------- %ofBusy %ofTotal
# CHECK: --- Largest Region by Usage ----------- Base Address -------- Region Size ----------
# CHECK: 0:001> !address libc!malloc
# CHECK-NEXT: Usage: Image
# CHECK-NEXT: Base Address: 00007fff`{{[0-9a-f]+}}
# CHECK-NEXT: End Address: 00007fff`{{[0-9a-f]+}}
# CHECK-NEXT: Region Size: 00000000`{{[0-9a-f]+}} ({{ *[0-9.]+}} {{kB|MB}})
# CHECK-NEXT: State: 00001000 MEM_COMMIT
# CHECK-NEXT: Protect: 00000020 PAGE_EXECUTE_READ
# CHECK-NEXT: Type: 01000000 MEM_IMAGE
# CHECK-NEXT: Allocation Base: 00007fff`{{[0-9a-f]+}}
# CHECK-NEXT: Image Path: {{.*}}/libc.so.6
# CHECK-NEXT: Module Name: libc
# CHECK-NEXT: More info: lmv m libc
# CHECK-NEXT: More info: ln 0x7fff{{[0-9a-f]+}}
# CHECK: 0:001> !address poi(fx_heap)
!address poi(fx_thread_heap)
# CHECK-NEXT: Usage: Heap
# CHECK: Protect: 00000004 PAGE_READWRITE
# CHECK-NEXT: Type: 00020000 MEM_PRIVATE
# CHECK: 0:001> !address poi(fx_thread_heap)
# CHECK-NEXT: Usage: Heap
# CHECK-NEXT: Base Address: 00007fff`{{[0-9a-f][048c]}}000000
# CHECK: State: 00001000 MEM_COMMIT
# CHECK-NEXT: Protect: 00000004 PAGE_READWRITE
# CHECK-NEXT: Type: 00020000 MEM_PRIVATE
# CHECK: 0:001> !address @rsp
# CHECK-NEXT: Usage: Stack
# CHECK: More info: ~1k
# CHECK: 0:001> ~0 !address @rsp
# CHECK-NEXT: Usage: Stack
# CHECK-NEXT: Base Address: 00007fff`{{[0-9a-f]+}}
# CHECK-NEXT: End Address: 00007fff`fffff000
# CHECK: More info: ~0k
# CHECK: 0:001> ~0 !address @fs_base
# CHECK-NEXT: Usage: TLS
# CHECK: Thread: [~0; [[PID]].[[PID]]]
# CHECK: 0:001> !address poi(fx_file_map)
# CHECK-NEXT: Usage: MappedFile
# CHECK: Type: 00040000 MEM_MAPPED
# CHECK-NEXT: Mapped file name: {{.*}}/build/fixtures/fx_memmap
# CHECK: 0:001> !address poi(fx_none_map)+0x1000
# CHECK-NEXT: Usage: <unknown>
# CHECK-NEXT: Base Address:
# CHECK-NEXT: End Address:
# CHECK-NEXT: Region Size: 00000000`00002000 (   8.000 kB)
# CHECK-NEXT: State: 00002000 MEM_RESERVE
# CHECK-NEXT: Protect: 00000001 PAGE_NOACCESS
# CHECK: 0:001> !address 0x1000
# CHECK-NEXT: Usage: Free
# CHECK-NEXT: Base Address: 00000000`00000000
# CHECK-NEXT: End Address: 00005555`55554000
# CHECK: State: 00010000 MEM_FREE
# CHECK: 0:001> !address -summary
# CHECK: --- Usage Summary ---------------- RgnCount ----------- Total Size -------- %ofBusy %ofTotal
# CHECK-DAG: Free {{[0-9]+}} {{[0-9a-f]+}}`{{[0-9a-f]+}} ({{ *[0-9.]+}} TB) 100.00%
# CHECK-DAG: Image {{[0-9]+}} 0`{{[0-9a-f]+}} ({{ *[0-9.]+}} MB) {{ *[0-9.]+}}% {{ *}}0.00%
# CHECK-DAG: Stack 2 0`{{[0-9a-f]+}}
# CHECK-DAG: Heap 3 0`{{[0-9a-f]+}}
# CHECK-DAG: Guard 1 0`00001000 (   4.000 kB)
# CHECK-DAG: MappedFile 1 0`00001000 (   4.000 kB)
# CHECK: --- Type Summary (for busy) ------ RgnCount ----------- Total Size -------- %ofBusy %ofTotal
# CHECK: --- State Summary ---------------- RgnCount ----------- Total Size -------- %ofBusy %ofTotal
# CHECK: --- Protect Summary (for commit) - RgnCount ----------- Total Size -------- %ofBusy %ofTotal
# CHECK: --- Largest Region by Usage ----------- Base Address -------- Region Size ----------
# CHECK: 0:001> !address 0x900000000000
# CHECK-NEXT: Memory access error: 00009000`00000000 is outside the process's address space
# CHECK: 0:001> !address -bogus
# CHECK-NEXT: Syntax error
