import CListDigestSupport
import Foundation

/// A build makes and drops thousands of page-sized texts. By default glibc hands freed memory
/// back to the system and maps big blocks afresh, so the same memory is faulted in and zeroed
/// again and again: about a fifth of a full build's page faults. A command that exits when the
/// build is done keeps what it freed for its next allocations instead, and each thread's heap
/// is made whole at once rather than a page at a time (see `ListDigestCommand.main`). Every
/// command is tuned: `check` and `fetch` exit as soon as they are done, too.
enum AllocatorTuning {
    static func keepFreedMemory() { ld_keep_freed_memory() }

    /// Where the system gives transparent huge pages only to memory that asks for them (Linux's
    /// usual `madvise` setting), the heaps of the threads a build runs on ask for them: a build
    /// touches 170 MB of fresh memory, and with 4 KB pages a tenth of an added week's time went
    /// to faulting it in a page at a time. The heaps are made before those threads start, by
    /// threads that end at once (glibc hands a new thread such a heap before it makes one):
    /// about as many as the build's threads and some more. `GLIBC_TUNABLES` setting
    /// `glibc.malloc.hugetlb` is left to glibc (`=0` does without).
    static func askForHugePages() {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        _ = ld_advise_huge_pages(Int32(min(2 * cores + 2, 32)))
    }

    /// Whether the heaps are on transparent huge pages: the system gives them to all memory, or
    /// to memory that asks and they asked (by `askForHugePages`, or glibc asked by whoever
    /// started the program).
    static var hugePages: Bool { ld_heap_on_huge_pages() != 0 }

    /// The page faults the process has taken so far: each is a page of memory touched for the
    /// first time, 4 KB or 2 MB, so huge pages show as a tenth as many.
    static var pageFaults: Int {
        var usage = rusage()
        #if canImport(Glibc)
            let process = RUSAGE_SELF.rawValue
        #else
            let process = RUSAGE_SELF
        #endif
        guard getrusage(process, &usage) == 0 else { return 0 }
        return usage.ru_minflt + usage.ru_majflt
    }
}
