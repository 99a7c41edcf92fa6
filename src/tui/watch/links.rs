//! What a followed file's content depends on: the path itself and, when it is a symbolic link,
//! every link it goes through and the final target. An edit to the target, or a link pointed
//! elsewhere, is a change of the file; the watcher watches the directory of each.

use std::path::{Path, PathBuf};

/// Links followed at most (the kernel's own limit).
const MOST_LINKS: usize = 40;

/// The paths `path`'s content depends on, first `path` itself, then each link's target in
/// turn; each with its directory resolved (`canonicalize`), the way the watcher reports the
/// paths in a directory it watches by its resolved name. A missing target ends the list.
pub fn dependencies(path: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    let mut at = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    while out.len() < MOST_LINKS {
        let (Some(dir), Some(name)) = (at.parent(), at.file_name()) else { break };
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        let here = dir.join(name);
        if out.contains(&here) {
            break; // a loop of links
        }
        out.push(here.clone());
        match std::fs::read_link(&here) {
            // A relative target is relative to the link's directory; an absolute one replaces it.
            Ok(target) => at = dir.join(target),
            Err(_) => break,
        }
    }
    out
}

/// The directory a dependency is reported in.
pub fn directory(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_depends_on_itself_each_link_on_the_way_and_the_final_target() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("sl/real")).unwrap();
        std::fs::write(root.join("sl/real/target.yaml"), "title: T\nevents: []\n").unwrap();
        std::os::unix::fs::symlink("real/target.yaml", root.join("sl/hop.yaml")).unwrap();
        std::os::unix::fs::symlink("hop.yaml", root.join("sl/link.yaml")).unwrap();
        assert_eq!(
            dependencies(&root.join("sl/link.yaml")),
            [root.join("sl/link.yaml"), root.join("sl/hop.yaml"), root.join("sl/real/target.yaml")]
        );
        // A plain file depends on itself; a loop ends; a dangling link names what is missing.
        assert_eq!(dependencies(&root.join("sl/real/target.yaml")), [root.join("sl/real/target.yaml")]);
        std::os::unix::fs::symlink("b.yaml", root.join("a.yaml")).unwrap();
        std::os::unix::fs::symlink("a.yaml", root.join("b.yaml")).unwrap();
        assert_eq!(dependencies(&root.join("a.yaml")), [root.join("a.yaml"), root.join("b.yaml")]);
        std::os::unix::fs::symlink("gone/x.yaml", root.join("dangling.yaml")).unwrap();
        assert_eq!(
            dependencies(&root.join("dangling.yaml")),
            [root.join("dangling.yaml"), root.join("gone/x.yaml")]
        );
    }
}
