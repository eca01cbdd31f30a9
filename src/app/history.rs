//! A back/forward stack of places the reader has been, like a browser's or
//! vim's jump list: bounded, and truncated when a new place is pushed after
//! going back (after yazi's `Backstack`).

/// A bounded back/forward history whose cursor is the present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History<T> {
    stack: Vec<T>,
    cursor: usize,
    cap: usize,
}

impl<T: Clone + PartialEq> History<T> {
    /// A history holding only `here`, keeping at most `cap` places (at least 2).
    pub fn new(here: T, cap: usize) -> Self {
        Self {
            stack: vec![here],
            cursor: 0,
            cap: cap.max(2),
        }
    }

    /// The present place.
    pub fn current(&self) -> &T {
        // the stack is never empty: `new` puts one place in and nothing removes the last
        &self.stack[self.cursor]
    }

    /// Updates the present place (the reader moved without jumping).
    pub fn set_current(&mut self, here: T) {
        self.stack[self.cursor] = here;
    }

    /// Records a jump to `there`: places ahead of the cursor are dropped,
    /// and the oldest place goes when the stack is full. Pushing the present
    /// place again does nothing.
    pub fn push(&mut self, there: T) {
        self.stack.truncate(self.cursor + 1);
        if *self.current() == there {
            return;
        }
        self.stack.push(there);
        if self.stack.len() > self.cap {
            self.stack.remove(0);
        }
        self.cursor = self.stack.len() - 1;
    }

    /// Steps back, returning the place to go to.
    pub fn back(&mut self) -> Option<&T> {
        if self.cursor == 0 {
            return None;
        }
        self.cursor -= 1;
        Some(&self.stack[self.cursor])
    }

    /// Steps forward again, returning the place to go to.
    pub fn forward(&mut self) -> Option<&T> {
        if self.cursor + 1 >= self.stack.len() {
            return None;
        }
        self.cursor += 1;
        Some(&self.stack[self.cursor])
    }

    /// How many steps back and forward are possible.
    pub fn depth(&self) -> (usize, usize) {
        (self.cursor, self.stack.len() - self.cursor - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_and_forward_walk_the_stack() {
        let mut h = History::new(1, 10);
        h.push(2);
        h.push(3);
        assert_eq!(h.back(), Some(&2));
        assert_eq!(h.back(), Some(&1));
        assert_eq!(h.back(), None);
        assert_eq!(h.current(), &1);
        assert_eq!(h.forward(), Some(&2));
        assert_eq!(h.forward(), Some(&3));
        assert_eq!(h.forward(), None);
        assert_eq!(h.depth(), (2, 0));
    }

    #[test]
    fn push_after_back_truncates_the_future() {
        let mut h = History::new(1, 10);
        h.push(2);
        h.push(3);
        h.back();
        h.push(4);
        assert_eq!(h.forward(), None);
        assert_eq!(h.back(), Some(&2));
        assert_eq!(h.back(), Some(&1));
    }

    #[test]
    fn is_bounded_dropping_the_oldest() {
        let mut h = History::new(0, 3);
        for i in 1..10 {
            h.push(i);
        }
        assert_eq!(h.depth(), (2, 0));
        assert_eq!(h.back(), Some(&8));
        assert_eq!(h.back(), Some(&7));
        assert_eq!(h.back(), None);
    }

    #[test]
    fn pushing_the_present_again_is_ignored() {
        let mut h = History::new(1, 10);
        h.push(1);
        assert_eq!(h.depth(), (0, 0));
    }

    #[test]
    fn set_current_updates_where_back_returns() {
        let mut h = History::new(1, 10);
        h.set_current(5);
        h.push(2);
        assert_eq!(h.back(), Some(&5));
    }
}
