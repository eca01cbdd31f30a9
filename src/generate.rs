//! A deterministic generator of synthetic news corpora, for benchmarks and
//! scale tests: `dossier generate --articles N --seed S OUT_DIR`.
//!
//! The text is not meant to read well; it is meant to have the statistics
//! the analysis cares about: people introduced with a title and full name
//! and later called by surname, places and organisations drawn from pools
//! with a long tail (Zipf-like), dates in every shape (full, month and year,
//! year-less, relative), numbers with units, sentences of about twenty-odd
//! words in paragraphs, and events that recur across articles — sometimes
//! with a differing date or figure — so that cross-references exist.
//!
//! Every name comes from general pools of given names, surnames and
//! syllables; none is taken from any real article. The same seed always
//! writes byte-identical files.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// `SplitMix64`: a tiny, well-mixed, seedable generator. Written inline
/// because the output must never change with a dependency's version.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0); the slight modulo bias is irrelevant here.
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Samples indices `0..n` with probability proportional to `1/(k+1)^s`:
/// a few items are everywhere, most are rare.
#[derive(Debug, Clone)]
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(n: usize, s: f64) -> Self {
        let mut total = 0.0;
        let cumulative = (0..n.max(1))
            .map(|k| {
                total += 1.0 / ((k + 1) as f64).powf(s);
                total
            })
            .collect();
        Self { cumulative }
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        let x = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
        self.cumulative
            .partition_point(|&c| c < x)
            .min(self.cumulative.len() - 1)
    }
}

const GIVEN: &[&str] = &[
    "Anna", "Marek", "Elena", "Tomas", "Ingrid", "Rafael", "Leila", "Jonas", "Mira", "Henrik",
    "Sofia", "Dmitar", "Clara", "Anton", "Yara", "Felix", "Nadia", "Oskar", "Lucia", "Pavel",
    "Amara", "Viktor", "Hana", "Bruno", "Irene", "Kofi", "Mei", "Arjun", "Talia", "Emil", "Rosa",
    "Idris", "Greta", "Matteo", "Ayla", "Lars", "Nora", "Samir", "Ines", "Tobias", "Keiko", "Ravi",
    "Olga", "Diego", "Freya", "Hugo", "Zara", "Milan", "Esther", "Nikolai", "Priya", "Jakob",
    "Chiara", "Omar", "Linnea", "Paulo", "Selma", "Kenji", "Agnes", "Luca", "Farah", "Stefan",
    "Maren", "Andres", "Thea", "Karim", "Vera", "Julian", "Sana", "Magnus", "Alma", "Teodor",
    "Noor", "Caspar", "Lidia", "Ivo", "Marta", "Elias", "Dalia", "Rune", "Beatriz", "Soren",
    "Amina", "Filip", "Helga", "Nikos", "Yusuf", "Petra", "Aurelio", "Edith", "Tariq",
];

const SURNAME_START: &[&str] = &[
    "Kel", "Mar", "Von", "Sten", "Ald", "Bren", "Cor", "Dal", "Esk", "Fen", "Gar", "Hol", "Ivar",
    "Jor", "Kas", "Lind", "Mor", "Nor", "Ost", "Pel", "Quar", "Ros", "Sal", "Tor", "Ulm", "Var",
    "Wes", "Yor", "Zel", "Brav", "Cast", "Dren", "Fal", "Grun", "Hask", "Lor", "Mend", "Rav",
];

const SURNAME_END: &[&str] = &[
    "ner", "ova", "berg", "ström", "ez", "ani", "ski", "sen", "ton", "dor", "ell", "ado", "escu",
    "enko", "aki", "ir", "mann", "quist", "oni", "ard", "ley", "etti", "ić", "ada", "vik",
];

const CITY_START: &[&str] = &[
    "Vel", "Port ", "San ", "Nova ", "Ber", "Kar", "Lis", "Mon", "Ash", "Tal", "Riv", "Ostr",
    "Sel", "Dun", "Gal", "Ham", "Bel", "Cal", "Mer", "Ar",
];

const CITY_END: &[&str] = &[
    "oria", "amsen", "grad", "haven", "ford", "ino", "ava", "mouth", "stad", "ara", "ene", "opol",
    "ville", "ona", "dale", "ita", "berg", "cester",
];

const COUNTRY: &[&str] = &[
    "Veloria",
    "Ostravia",
    "Kalmoria",
    "Tessaly",
    "Marovia",
    "Dunland",
    "Arvania",
    "Belcaria",
    "Norrmark",
    "Sundara",
    "Galmont",
    "Eskara",
    "Lusovia",
    "Pratania",
    "Quenmark",
    "Rhodania",
    "Selvia",
    "Tarnova",
    "Umbria Nova",
    "Varnland",
    "Westerra",
    "Zelonia",
];

const ORG_HEAD: &[&str] = &[
    "Northgate",
    "Meridian",
    "Bluewater",
    "Ironvale",
    "Silverline",
    "Crestmoor",
    "Harbourside",
    "Redfield",
    "Eastwind",
    "Greystone",
    "Highcourt",
    "Lakemont",
    "Brightwell",
    "Oakridge",
    "Stormhill",
    "Amberley",
    "Coldharbour",
    "Fairhaven",
    "Kingsmere",
    "Whitcombe",
];

const ORG_TAIL: &[&str] = &[
    "Energy",
    "Holdings",
    "Bank",
    "Shipping",
    "Telecom",
    "Mining",
    "Airways",
    "Motors",
    "Pharmaceuticals",
    "Group",
    "Logistics",
    "Steel",
    "Capital",
    "Foods",
    "Chemicals",
];

const INSTITUTION: &[&str] = &[
    "Ministry of Trade",
    "Ministry of Defence",
    "Ministry of Finance",
    "Central Bank",
    "Supreme Court",
    "Electoral Commission",
    "National Assembly",
    "Competition Authority",
    "Port Authority",
    "Energy Regulator",
    "Statistics Office",
    "Health Agency",
];

const TITLES: &[&str] = &[
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Finance Minister",
    "Trade Minister",
    "Defence Minister",
    "Senator",
    "Governor",
    "Mayor",
    "Ambassador",
    "General",
    "Judge",
    "Chief Executive",
    "Chairman",
    "Professor",
    "Dr.",
];

const OUTLETS: &[&str] = &[
    "The Daily Meridian",
    "Harbour Herald",
    "Northern Ledger",
    "The Evening Courier",
    "World Desk",
    "The Observer Review",
    "Capital Times",
    "Coastal Post",
];

const EVENT_KINDS: &[(&str, &str)] = &[
    ("summit", "held talks at"),
    ("trade agreement", "signed"),
    ("pipeline deal", "announced"),
    ("port strike", "responded to"),
    ("bank merger", "approved"),
    ("flood", "visited the site of"),
    ("election", "won"),
    ("corruption trial", "testified at"),
    ("peace conference", "opened"),
    ("arms contract", "defended"),
    ("factory fire", "inspected the site of"),
    ("debt restructuring", "negotiated"),
];

const MONTHS: [&str; 12] = crate::analysis::dates::MONTH_NAMES;

const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

const RELATIVE: &[&str] = &[
    "last year",
    "earlier this month",
    "two weeks ago",
    "last month",
    "next year",
    "this week",
    "three years ago",
    "later this year",
    "last week",
];

const TOPICS: &[&str] = &[
    "the budget",
    "energy prices",
    "the border dispute",
    "foreign investment",
    "the housing shortage",
    "fishing rights",
    "sanctions",
    "the pension reform",
    "rail links",
    "grain exports",
    "the water supply",
    "military spending",
    "tariffs on steel",
    "the coalition talks",
];

const ADJECTIVES: &[&str] = &[
    "cautiously optimistic",
    "deeply concerned",
    "confident",
    "disappointed",
    "encouraged",
    "committed",
    "determined",
];

const FILLER: &[&str] = &[
    "although analysts warned that the details remained unclear",
    "a move that surprised many observers in the region",
    "despite strong objections from opposition lawmakers",
    "as negotiators worked late into the night",
    "according to people familiar with the discussions",
    "in a statement released shortly after the meeting",
    "while protesters gathered outside the building",
    "after weeks of speculation in the local press",
];

/// A person of the pool: name, and the title they hold.
#[derive(Debug, Clone)]
struct Person {
    given: &'static str,
    surname: String,
    title: &'static str,
    female: bool,
}

impl Person {
    fn full(&self) -> String {
        format!("{} {}", self.given, self.surname)
    }
}

/// Something that happened, reported by several articles.
#[derive(Debug, Clone)]
struct Event {
    kind: usize,
    people: [usize; 2],
    city: usize,
    country: usize,
    org: usize,
    date: (i32, usize, u32),
    amount: f64,
    unit: usize,
}

/// What a generated corpus holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stats {
    /// Articles written.
    pub articles: usize,
    /// Words in all bodies (white-space separated).
    pub words: usize,
    /// Bytes written.
    pub bytes: usize,
}

/// The pools and events of one generated corpus.
#[derive(Debug, Clone)]
pub struct Generator {
    seed: u64,
    articles: usize,
    people: Vec<Person>,
    cities: Vec<String>,
    orgs: Vec<String>,
    events: Vec<Event>,
    zipf_people: Zipf,
    zipf_cities: Zipf,
    zipf_countries: Zipf,
    zipf_orgs: Zipf,
    zipf_events: Zipf,
}

/// Units of an event's figure: what a deal is worth or a disaster costs.
const UNITS: &[&str] = &[
    "billion dollars",
    "million euros",
    "million dollars",
    "billion euros",
];

impl Generator {
    /// Pools and events for a corpus of `articles` articles from `seed`.
    pub fn new(articles: usize, seed: u64) -> Self {
        let mut rng = Rng::new(seed ^ 0x0005_EED0_FD05_51E4);
        // pools grow slowly with the corpus, so big corpora have a long tail
        let n_people = 150 + articles / 4;
        let n_cities = 60 + articles / 20;
        let n_orgs = 80 + articles / 10;
        let people = (0..n_people)
            .map(|i| {
                let given = *rng.pick(GIVEN);
                let surname = format!("{}{}", rng.pick(SURNAME_START), rng.pick(SURNAME_END));
                Person {
                    given,
                    surname,
                    title: TITLES[rng.below(TITLES.len())],
                    female: i % 2 == 0,
                }
            })
            .collect();
        let cities = (0..n_cities)
            .map(|_| {
                let start = *rng.pick(CITY_START);
                let end = *rng.pick(CITY_END);
                if start.ends_with(' ') {
                    format!("{start}{}", capitalise(end))
                } else {
                    format!("{start}{end}")
                }
            })
            .collect();
        let orgs = (0..n_orgs)
            .map(|i| {
                if i % 3 == 0 {
                    format!("{} {}", rng.pick(COUNTRY), rng.pick(INSTITUTION))
                } else {
                    format!("{} {}", rng.pick(ORG_HEAD), rng.pick(ORG_TAIL))
                }
            })
            .collect();
        let zipf_people = Zipf::new(n_people, 1.05);
        let zipf_cities = Zipf::new(n_cities, 1.1);
        let zipf_countries = Zipf::new(COUNTRY.len(), 0.9);
        let zipf_orgs = Zipf::new(n_orgs, 1.05);
        let n_events = (articles / 4).max(3);
        let events = (0..n_events)
            .map(|_| {
                let a = zipf_people.sample(&mut rng);
                let mut b = zipf_people.sample(&mut rng);
                if b == a {
                    b = (a + 1) % n_people;
                }
                let amount = match rng.below(2) {
                    0 => rng.range(12, 95) as f64 / 10.0,
                    _ => rng.range(10, 900) as f64,
                };
                Event {
                    kind: rng.below(EVENT_KINDS.len()),
                    people: [a, b],
                    city: zipf_cities.sample(&mut rng),
                    country: zipf_countries.sample(&mut rng),
                    org: zipf_orgs.sample(&mut rng),
                    date: (
                        rng.range(2008, 2023) as i32,
                        rng.below(12),
                        rng.range(1, 28) as u32,
                    ),
                    amount,
                    unit: rng.below(UNITS.len()),
                }
            })
            .collect();
        Self {
            seed,
            articles,
            people,
            cities,
            orgs,
            events,
            zipf_people,
            zipf_cities,
            zipf_countries,
            zipf_orgs,
            zipf_events: Zipf::new(n_events, 0.8),
        }
    }

    /// The file name of article `i`.
    pub fn file_name(&self, i: usize) -> String {
        format!("article-{i:06}.md")
    }

    /// The full text (front matter and body) of article `i`; depends only on
    /// the seed, the corpus size and `i`.
    pub fn article(&self, i: usize) -> String {
        let mut rng = Rng::new(self.seed.wrapping_mul(0x1000_0000_01B3) ^ (i as u64 + 1));
        let main = self.zipf_events.sample(&mut rng);
        let e = &self.events[main];
        let mut others: Vec<usize> = (0..rng.range(1, 2))
            .map(|_| self.zipf_events.sample(&mut rng))
            .collect();
        others.retain(|&o| o != main);
        // published a few days to two years after its main event
        let (ey, em, ed) = e.date;
        let lag = rng.range(1, 700) as u32;
        let total = ed + lag;
        let pm = (em as u32 + total / 28) % 12;
        let py = ey + ((em as u32 + total / 28) / 12) as i32;
        let pd = total % 28 + 1;
        let published = (py, pm as usize, pd);
        let mut w = Writer {
            g: self,
            rng,
            introduced: Vec::new(),
            published,
        };
        let body = w.body(main, &others);
        let author = &self.people[self.people.len() - 1 - (i * 7) % self.people.len()];
        let title = format!(
            "{} {} in {}: {}",
            self.cities[e.city],
            EVENT_KINDS[e.kind].0,
            COUNTRY[e.country],
            w.rng.pick(TOPICS)
        );
        let mut out = String::with_capacity(body.len() + 256);
        let _ = writeln!(out, "+++");
        let _ = writeln!(out, "title = \"{}\"", capitalise(&title));
        let _ = writeln!(out, "author = \"{}\"", author.full());
        let _ = writeln!(out, "source = \"{}\"", OUTLETS[i % OUTLETS.len()]);
        let _ = writeln!(
            out,
            "published = \"{:04}-{:02}-{:02}\"",
            published.0,
            published.1 + 1,
            published.2
        );
        let _ = writeln!(out, "url = \"https://example.com/news/{i:06}\"");
        let _ = writeln!(out, "+++");
        out.push('\n');
        out.push_str(&body);
        out
    }

    /// Writes every article into `dir` (created if missing).
    pub fn write(&self, dir: &Path) -> io::Result<Stats> {
        std::fs::create_dir_all(dir)?;
        let mut stats = Stats::default();
        for i in 0..self.articles {
            let text = self.article(i);
            stats.articles += 1;
            stats.bytes += text.len();
            stats.words += body_words(&text);
            std::fs::write(dir.join(self.file_name(i)), text)?;
        }
        Ok(stats)
    }
}

/// Words of an article's body (after the front matter), split on white space.
pub fn body_words(text: &str) -> usize {
    let body = match text.strip_prefix("+++\n").and_then(|t| t.find("\n+++\n")) {
        Some(end) => &text[end + 9..],
        None => text,
    };
    body.split_whitespace().count()
}

/// Writes a corpus of `articles` articles from `seed` into `dir`.
pub fn generate(dir: &Path, articles: usize, seed: u64) -> io::Result<Stats> {
    Generator::new(articles, seed).write(dir)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Writes the body of one article, remembering whom it has introduced.
struct Writer<'g> {
    g: &'g Generator,
    rng: Rng,
    introduced: Vec<usize>,
    /// (year, month index, day) of publication.
    published: (i32, usize, u32),
}

impl Writer<'_> {
    fn body(&mut self, main: usize, others: &[usize]) -> String {
        let paragraphs = self.rng.range(5, 7);
        let mut out = String::with_capacity(6000);
        for p in 0..paragraphs {
            let sentences = self.rng.range(4, 7);
            for s in 0..sentences {
                if s > 0 {
                    out.push(' ');
                }
                let sentence = if p == 0 && s == 0 {
                    self.event_lead(main)
                } else if s == 0 && !others.is_empty() && p as usize <= others.len() {
                    self.event_lead(others[p as usize - 1])
                } else if self.rng.chance(0.2) {
                    self.event_detail(main)
                } else {
                    self.background()
                };
                out.push_str(&sentence);
            }
            out.push_str("\n\n");
        }
        out
    }

    /// A person's name: titled full name the first time, surname after.
    fn person(&mut self, p: usize) -> String {
        let person = &self.g.people[p];
        if self.introduced.contains(&p) {
            match self.rng.below(4) {
                0 => format!(
                    "{} {}",
                    if person.female { "Ms" } else { "Mr" },
                    person.surname
                ),
                _ => person.surname.clone(),
            }
        } else {
            self.introduced.push(p);
            match self.rng.below(3) {
                0 => format!(
                    "{}, the {},",
                    person.full(),
                    person.title.to_lowercase().trim_end_matches('.')
                ),
                _ => format!("{} {}", person.title, person.full()),
            }
        }
    }

    fn any_person(&mut self) -> String {
        let p = self.g.zipf_people.sample(&mut self.rng);
        self.person(p)
    }

    fn city(&mut self) -> String {
        self.g.cities[self.g.zipf_cities.sample(&mut self.rng)].clone()
    }

    fn country(&mut self) -> &'static str {
        COUNTRY[self.g.zipf_countries.sample(&mut self.rng)]
    }

    fn org(&mut self) -> String {
        self.g.orgs[self.g.zipf_orgs.sample(&mut self.rng)].clone()
    }

    fn full_date(&mut self, (y, m, d): (i32, usize, u32)) -> String {
        match self.rng.below(3) {
            0 => format!("{d} {} {y}", MONTHS[m]),
            _ => format!("{} {d}, {y}", MONTHS[m]),
        }
    }

    /// A time expression in any of the shapes news uses.
    fn some_date(&mut self) -> String {
        let (py, pm, _) = self.published;
        match self.rng.below(7) {
            0 => {
                let y = py - self.rng.range(0, 3) as i32;
                let d = (self.rng.range(1, 28), self.rng.below(12));
                format!("on {}", self.full_date((y, d.1, d.0 as u32)))
            }
            1 => format!(
                "in {} {}",
                MONTHS[self.rng.below(12)],
                py - self.rng.range(0, 4) as i32
            ),
            2 => format!("in {}", MONTHS[(pm + 11) % 12]),
            3 => format!("in {}", py - self.rng.range(1, 12) as i32),
            4 => format!("on {}", self.rng.pick(WEEKDAYS)),
            _ => self.rng.pick(RELATIVE).to_string(),
        }
    }

    fn number(&mut self) -> String {
        match self.rng.below(6) {
            0 => format!(
                "{} barrels a day",
                group_thousands(self.rng.range(1, 900) as u64 * 1000)
            ),
            1 => format!("{} per cent", self.rng.range(2, 75)),
            2 => format!("{} kilometres", self.rng.range(3, 900)),
            3 => format!(
                "{},{:03} people",
                self.rng.range(1, 90),
                self.rng.range(0, 999)
            ),
            4 => format!("€{} million", self.rng.range(5, 950)),
            _ => format!(
                "{} tonnes",
                group_thousands(self.rng.range(100, 50_000) as u64)
            ),
        }
    }

    fn money(&mut self) -> String {
        match self.rng.below(2) {
            0 => format!(
                "${}.{} billion",
                self.rng.range(1, 90),
                self.rng.range(1, 9)
            ),
            _ => format!("€{} million", self.rng.range(5, 950)),
        }
    }

    fn amount(&mut self, e: &Event) -> String {
        // one report in eight gives a different figure
        let v = if self.rng.chance(0.125) {
            e.amount * (1.0 + self.rng.range(1, 3) as f64 / 10.0)
        } else {
            e.amount
        };
        if v.fract() == 0.0 {
            format!("{} {}", group_thousands(v as u64), UNITS[e.unit])
        } else {
            format!("{v:.1} {}", UNITS[e.unit])
        }
    }

    fn event_date(&mut self, e: &Event) -> String {
        // one report in eight gives a different day
        let (y, m, d) = e.date;
        let d = if self.rng.chance(0.125) {
            d % 28 + 1
        } else {
            d
        };
        self.full_date((y, m, d))
    }

    fn event_lead(&mut self, ev: usize) -> String {
        let e = self.g.events[ev].clone();
        let (kind, verb) = EVENT_KINDS[e.kind];
        let a = self.person(e.people[0]);
        let b = self.person(e.people[1]);
        let date = self.event_date(&e);
        let city = &self.g.cities[e.city];
        let org = &self.g.orgs[e.org];
        let amount = self.amount(&e);
        match self.rng.below(3) {
            0 => format!(
                "On {date}, {a} and {b} {verb} the {kind} in {city}, which the {org} said involved {amount}."
            ),
            1 => format!(
                "{} {verb} the {kind} in {city} on {date} together with {b}, and officials at {org} put the figure at {amount}.",
                capitalise(&a)
            ),
            _ => format!(
                "The {kind} in {city}, {}, took place on {date}, when {a} and {b} agreed on a package worth {amount} with the {org}.",
                COUNTRY[e.country]
            ),
        }
    }

    fn event_detail(&mut self, ev: usize) -> String {
        let e = self.g.events[ev].clone();
        let (kind, _) = EVENT_KINDS[e.kind];
        let who = self.rng.below(2);
        let a = self.person(e.people[who]);
        let city = self.g.cities[e.city].clone();
        let amount = self.amount(&e);
        let filler = *self.rng.pick(FILLER);
        match self.rng.below(2) {
            0 => format!(
                "{} later said that the {kind} in {city} had cost {amount}, {filler}.",
                capitalise(&a)
            ),
            _ => format!(
                "Officials in {city} confirmed that the {kind} would cost {amount} in total, {filler}."
            ),
        }
    }

    fn background(&mut self) -> String {
        let p = self.any_person();
        let city = self.city();
        let country = self.country();
        let org = self.org();
        let date = self.some_date();
        let number = self.number();
        let money = self.money();
        let topic = *self.rng.pick(TOPICS);
        let filler = *self.rng.pick(FILLER);
        match self.rng.below(6) {
            0 => format!(
                "{} told reporters in {city} {date} that the government would spend {money} on {topic}, {filler}.",
                capitalise(&p)
            ),
            1 => format!(
                "According to the {org}, about {number} were affected in {country} {date}, the highest figure since records began there."
            ),
            2 => format!(
                "\"We are {} about {topic},\" {p} said in {city}, adding that talks with the {org} would continue {date}.",
                self.rng.pick(ADJECTIVES)
            ),
            3 => format!(
                "The {org} reported {money} in new commitments {date}, {filler}, and it expects more from {country} soon."
            ),
            4 => format!(
                "Critics in {country} argue that {topic} has been neglected for years, and {p} has promised a review {date}."
            ),
            _ => format!(
                "{} flew to {city} {date} to meet representatives of the {org} over {topic}, {filler}.",
                capitalise(&p)
            ),
        }
    }
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_writes_identical_bytes() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        generate(a.path(), 30, 7).unwrap();
        generate(b.path(), 30, 7).unwrap();
        for i in 0..30 {
            let name = format!("article-{i:06}.md");
            let x = std::fs::read(a.path().join(&name)).unwrap();
            let y = std::fs::read(b.path().join(&name)).unwrap();
            assert_eq!(x, y, "{name} differs between two runs");
        }
    }

    #[test]
    fn different_seeds_differ() {
        let a = Generator::new(10, 1).article(3);
        let b = Generator::new(10, 2).article(3);
        assert_ne!(a, b);
    }

    #[test]
    fn articles_load_with_front_matter_and_news_sized_sentences() {
        let dir = tempfile::tempdir().unwrap();
        let stats = generate(dir.path(), 40, 11).unwrap();
        assert_eq!(stats.articles, 40);
        let corpus = crate::corpus::Corpus::load(dir.path()).unwrap();
        assert_eq!(corpus.articles.len(), 40);
        assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
        let mut words = 0;
        let mut sentences = 0;
        for a in &corpus.articles {
            assert!(a.meta.published.and_then(|p| p.day).is_some());
            assert!(a.meta.author.is_some() && a.meta.source.is_some() && a.meta.url.is_some());
            let s = crate::analysis::segment::split(&a.body);
            sentences += s.len();
            words += a.body.split_whitespace().count();
        }
        let per_article = words / 40;
        let per_sentence = words / sentences;
        assert!(
            (500..1100).contains(&per_article),
            "{per_article} words per article"
        );
        assert!(
            (16..30).contains(&per_sentence),
            "{per_sentence} words per sentence"
        );
        assert_eq!(stats.words, words);
    }

    #[test]
    fn events_recur_across_articles() {
        let g = Generator::new(200, 3);
        // a recurring event's place and kind appear in several articles' leads
        let texts: Vec<String> = (0..200).map(|i| g.article(i)).collect();
        let e = &g.events[0];
        let needle = format!("{} in {}", EVENT_KINDS[e.kind].0, g.cities[e.city]);
        let hits = texts.iter().filter(|t| t.contains(&needle)).count();
        assert!(hits >= 3, "event 0 appears in {hits} articles");
    }

    #[test]
    fn people_are_introduced_then_called_by_surname() {
        let g = Generator::new(50, 5);
        let text = g.article(0);
        // some introduced person is later referred to by surname alone
        let found = g.people.iter().any(|p| {
            let full = p.full();
            match text.find(&full) {
                Some(at) => text[at + full.len()..].contains(&p.surname),
                None => false,
            }
        });
        assert!(found);
    }

    #[test]
    fn zipf_favours_the_head() {
        let z = Zipf::new(100, 1.0);
        let mut rng = Rng::new(9);
        let mut counts = [0usize; 100];
        for _ in 0..10_000 {
            counts[z.sample(&mut rng)] += 1;
        }
        assert!(counts[0] > counts[10] && counts[10] > counts[90]);
        assert!(counts.iter().filter(|&&c| c > 0).count() > 80);
    }
}
