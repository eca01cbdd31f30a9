//! The reader's state machine: what is open, what is selected, and how each
//! action changes it. Pure state: drawing lives in `ui`, the terminal in `term`.

pub mod action;
pub mod clipboard;
pub mod opener;
pub mod palette;
pub mod search;
pub mod state;
