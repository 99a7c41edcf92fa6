//! What both front ends read to turn input into actions: every `Action` a person can ask for
//! (`action`) and the one table of keys (`keymap`). The explorer in a terminal (`tui`) and the
//! plain front end (`plain`, which takes the explorer's letters as commands) look keys up here,
//! so a config file that rebinds a key changes both.

pub mod action;
pub mod keymap;
