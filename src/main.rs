fn main() -> std::process::ExitCode {
    timeline_explorer::cli::main()
}

// mimalloc instead of the system allocator: loading a big timeline frees millions of small
// blocks (serde_yaml's event buffer), and glibc then spends a fifth of the load time merging
// them; mimalloc does not (docs/PERFORMANCE.md has the measurements).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
