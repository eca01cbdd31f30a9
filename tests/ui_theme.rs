//! The theme reaches the screen: colours by default, none under `NO_COLOR`,
//! with the meanings still carried by modifiers and glyphs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking

mod ui_fixture;

use dossier::app::App;
use dossier::config::Config;
use ratatui::style::{Color, Modifier};
use ui_fixture::{fixture, press, render};

fn colours_and_modifiers(app: &mut App) -> (usize, bool) {
    let t = render(app, 100, 30);
    let buf = t.backend().buffer();
    let coloured = buf
        .content()
        .iter()
        .filter(|c| c.fg != Color::Reset || c.bg != Color::Reset)
        .count();
    let reversed = buf
        .content()
        .iter()
        .any(|c| c.modifier.contains(Modifier::REVERSED));
    (coloured, reversed)
}

#[test]
fn default_theme_colours_entities() {
    let (c, a) = fixture();
    let mut app = App::new(c, a, Config::builtin());
    press(&mut app, "j");
    let (coloured, reversed) = colours_and_modifiers(&mut app);
    assert!(coloured > 0, "the default theme shows some colour");
    assert!(reversed, "the current sentence is reversed");
}

#[test]
fn no_color_theme_draws_no_colour_but_keeps_reverse() {
    let (c, a) = fixture();
    let mut config = Config::builtin();
    config.theme = config.theme.without_color();
    let mut app = App::new(c, a, config);
    press(&mut app, "j");
    let (coloured, reversed) = colours_and_modifiers(&mut app);
    assert_eq!(coloured, 0, "no cell carries a colour");
    assert!(reversed, "the current sentence is still reversed");
}
