fn main() -> std::process::ExitCode {
    timeline_explorer::cli::main()
}
