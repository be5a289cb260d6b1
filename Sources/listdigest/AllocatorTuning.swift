import CListDigestSupport

/// A build makes and drops thousands of page-sized texts. By default glibc hands freed memory
/// back to the system and maps big blocks afresh, so the same memory is faulted in and zeroed
/// again and again: about a fifth of a full build's page faults. A command that exits when the
/// build is done keeps what it freed for its next allocations instead, and each thread's heap
/// is made whole at once rather than a page at a time (see `ListDigestCommand.main`). Every
/// command is tuned: `check` and `fetch` exit as soon as they are done, too.
enum AllocatorTuning {
    static func keepFreedMemory() { ld_keep_freed_memory() }

    /// Where the system gives transparent huge pages only to memory that asks for them (Linux's
    /// usual `madvise` setting), the program runs itself again at once with glibc asked to back
    /// its heaps with them (`GLIBC_TUNABLES=glibc.malloc.hugetlb=1`): a build touches 170 MB of
    /// fresh memory, and with 4 KB pages a tenth of an added week's time went to faulting it in
    /// a page at a time. Running again costs a few milliseconds; setting the tunable yourself
    /// (`glibc.malloc.hugetlb=0` to do without) skips it. Returns when it does not run again.
    static func runAgainWithHugePages() { ld_run_again_with_huge_pages(CommandLine.unsafeArgv) }

    /// Whether the heaps are on transparent huge pages: the system gives them to all memory, or
    /// to memory that asks and glibc was asked to (by `runAgainWithHugePages`, or by whoever
    /// started the program).
    static var hugePages: Bool { ld_heap_on_huge_pages() != 0 }
}
