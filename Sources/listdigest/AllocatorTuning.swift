import CListDigestSupport

/// A build makes and drops thousands of page-sized texts. By default glibc hands freed memory
/// back to the system and maps big blocks afresh, so the same memory is faulted in and zeroed
/// again and again: about a fifth of a full build's page faults. A command that exits when the
/// build is done keeps what it freed for its next allocations instead, and each thread's heap
/// is made whole at once rather than a page at a time (see `ListDigestCommand.main`). Every
/// command is tuned: `check` and `fetch` exit as soon as they are done, too.
enum AllocatorTuning {
    static func keepFreedMemory() { ld_keep_freed_memory() }
}
