//! Drawing the reader's state with ratatui.
