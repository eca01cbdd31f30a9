//! The theme: one ready `Style` per element, parsed once from the
//! configuration, on the terminal's 16 colours by default.

use ratatui::style::{Color, Modifier, Style};

macro_rules! theme {
    ($($(#[doc = $doc:literal])* $field:ident,)*) => {
        /// Ready styles for every element the reader draws.
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct Theme {
            $($(#[doc = $doc])* pub $field: Style,)*
        }

        /// The theme as written: one style string per element.
        #[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, serde::Serialize)]
        #[serde(deny_unknown_fields)]
        pub struct RawTheme {
            $($(#[doc = $doc])* #[serde(skip_serializing_if = "Option::is_none")] pub $field: Option<toml::Spanned<String>>,)*
        }

        impl Theme {
            /// The same theme with every colour removed, as `NO_COLOR` asks:
            /// bold, reverse and underline still carry the meanings.
            pub fn without_color(&self) -> Theme {
                Theme { $($field: strip_color(self.$field),)* }
            }
        }

        impl RawTheme {
            /// Fields set in `over` replace those of `self`.
            pub fn merge(&mut self, over: RawTheme) {
                $(if over.$field.is_some() { self.$field = over.$field; })*
            }

            /// Resolves every field; an error names the field's span.
            pub fn resolve(&self, no_color: bool) -> Result<Theme, (std::ops::Range<usize>, String)> {
                let mut theme = Theme::default();
                $(if let Some(s) = &self.$field {
                    let style = parse_style(s.get_ref()).map_err(|e| (s.span(), format!("theme.{}: {e}", stringify!($field))))?;
                    theme.$field = style;
                })*
                Ok(if no_color { theme.without_color() } else { theme })
            }
        }
    };
}

theme! {
    /// Names of people.
    person,
    /// Names of places.
    place,
    /// Names of organisations.
    organization,
    /// Other names.
    other,
    /// Time expressions.
    date,
    /// The current sentence.
    current_sentence,
    /// The selected row of a list.
    selected,
    /// The gutter mark of a sentence with links.
    link_mark,
    /// A link whose claims differ.
    differs,
    /// Search matches.
    search_match,
    /// The gutter mark of a sentence you highlighted.
    highlight,
    /// Titles.
    title,
    /// Secondary text.
    dim,
    /// The status line.
    status,
    /// Pane borders.
    border,
    /// The border of the focused pane.
    focused_border,
}

impl Theme {
    /// The style of an entity kind.
    pub fn kind(&self, kind: crate::analysis::entities::Kind) -> Style {
        use crate::analysis::entities::Kind;
        match kind {
            Kind::Person => self.person,
            Kind::Place => self.place,
            Kind::Organization => self.organization,
            Kind::Other => self.other,
        }
    }
}

fn strip_color(style: Style) -> Style {
    Style {
        fg: None,
        bg: None,
        underline_color: None,
        ..style
    }
}

/// Parses "cyan bold", "black on yellow", "#ff8800 underline", "reverse".
pub fn parse_style(s: &str) -> Result<Style, String> {
    let mut style = Style::default();
    let mut words = s.split_whitespace();
    while let Some(w) = words.next() {
        let lower = w.to_ascii_lowercase();
        style = match lower.as_str() {
            "bold" => style.add_modifier(Modifier::BOLD),
            "italic" => style.add_modifier(Modifier::ITALIC),
            "underline" | "underlined" => style.add_modifier(Modifier::UNDERLINED),
            "reverse" | "reversed" => style.add_modifier(Modifier::REVERSED),
            "dim" => style.add_modifier(Modifier::DIM),
            "none" | "default" => style,
            "on" => {
                let c = words.next().ok_or("`on` needs a colour after it")?;
                style.bg(parse_color(c)?)
            }
            _ => style.fg(parse_color(w)?),
        };
    }
    Ok(style)
}

fn parse_color(s: &str) -> Result<Color, String> {
    let lower = s.to_ascii_lowercase().replace('-', "_");
    Ok(match lower.as_str() {
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "dark_gray" | "dark_grey" => Color::DarkGray,
        "light_red" => Color::LightRed,
        "light_green" => Color::LightGreen,
        "light_yellow" => Color::LightYellow,
        "light_blue" => Color::LightBlue,
        "light_magenta" => Color::LightMagenta,
        "light_cyan" => Color::LightCyan,
        "white" => Color::White,
        "reset" => Color::Reset,
        hex if hex.len() == 7 && hex.starts_with('#') => {
            let v = u32::from_str_radix(&hex[1..], 16).map_err(|_| format!("bad colour `{s}`"))?;
            Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
        }
        _ => return Err(format!("unknown colour or attribute `{s}`")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_colours_backgrounds_and_modifiers() {
        assert_eq!(
            parse_style("cyan bold").unwrap(),
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
        );
        assert_eq!(
            parse_style("black on yellow").unwrap(),
            Style::new().fg(Color::Black).bg(Color::Yellow)
        );
        assert_eq!(
            parse_style("#ff8800").unwrap(),
            Style::new().fg(Color::Rgb(255, 136, 0))
        );
        assert!(parse_style("chartreuse").is_err());
        assert!(parse_style("on").is_err());
    }

    #[test]
    fn no_color_keeps_only_modifiers() {
        assert_eq!(
            strip_color(parse_style("red on blue bold").unwrap()),
            Style::new().add_modifier(Modifier::BOLD)
        );
    }
}
