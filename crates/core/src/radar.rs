//! The radar chart, drawn as an SVG string with plotters' SVG backend.
//!
//! One axis per dimension, 1 at the centre and 5 at the rim. Where a team's answers lie is drawn
//! as small dots on each axis, one per person's score there: what people answered, with no
//! value made up between them, and never linked across axes, so no one's shape can be traced.
//! Meaning is never carried by colour alone: the dots are hollow diamonds, the median is a thick
//! line with filled round markers, "me" has filled squares, and each person's line has its own
//! colour and hollow marker shape (circle, square or diamond). Plotters escapes every text it writes, which a test below holds it to.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::DrawingErrorKind;
use std::f64::consts::PI;

const SCALE_MIN: f64 = 1.0;
const SCALE_MAX: f64 = 5.0;

/// How a line is drawn, so lines differ by more than colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LineKind {
    /// The team median, or a solo respondent's own scores: thick, solid, round markers.
    Main,
    /// "Me" against the team: solid, square markers.
    Me,
    /// One named person's overlay; the number picks colour and marker shape.
    Person(usize),
    /// One of 2 to 4 checks compared (oldest first): each its own colour, dash pattern and
    /// marker, so the lines tell apart in print and without colour.
    Check(usize),
}

/// Dash patterns of compared checks, in pixels on and off: solid, dashed, dotted, dash-dot.
const DASHES: [&[f64]; 4] = [&[], &[10.0, 6.0], &[3.0, 5.0], &[12.0, 4.0, 3.0, 4.0]];

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub kind: LineKind,
    /// One value per axis, 1..=5; `None` leaves a gap (no answers there).
    pub values: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Radar {
    pub axes: Vec<String>,
    /// Per axis, people's scores there (empty where none may be shown): the team's dots.
    pub dots: Vec<Vec<f64>>,
    pub lines: Vec<Line>,
}

/// Colours of the chart. Chosen for AA contrast on the matching page background.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    pub background: RGBColor,
    pub grid: RGBColor,
    pub text: RGBColor,
    pub main: RGBColor,
    pub band: RGBColor,
    pub people: [RGBColor; 6],
}

pub const LIGHT: Palette = Palette {
    background: RGBColor(255, 255, 255),
    grid: RGBColor(200, 204, 212),
    text: RGBColor(32, 36, 44),
    main: RGBColor(29, 78, 216),
    band: RGBColor(96, 165, 250),
    people: [
        RGBColor(190, 18, 60),
        RGBColor(21, 128, 61),
        RGBColor(180, 83, 9),
        RGBColor(109, 40, 217),
        RGBColor(15, 118, 110),
        RGBColor(71, 85, 105),
    ],
};

pub const DARK: Palette = Palette {
    background: RGBColor(17, 24, 39),
    grid: RGBColor(75, 85, 99),
    text: RGBColor(229, 231, 235),
    main: RGBColor(147, 197, 253),
    band: RGBColor(59, 130, 246),
    people: [
        RGBColor(251, 113, 133),
        RGBColor(74, 222, 128),
        RGBColor(251, 191, 36),
        RGBColor(196, 181, 253),
        RGBColor(45, 212, 191),
        RGBColor(203, 213, 225),
    ],
};

struct Geometry {
    centre: (f64, f64),
    radius: f64,
    axes: usize,
}

impl Geometry {
    fn angle(&self, axis: usize) -> f64 {
        // First axis points straight up; the rest go clockwise.
        -PI / 2.0 + 2.0 * PI * axis as f64 / self.axes as f64
    }

    fn point(&self, axis: usize, value: f64) -> (f64, f64) {
        let fraction = (value.clamp(SCALE_MIN, SCALE_MAX) - SCALE_MIN) / (SCALE_MAX - SCALE_MIN);
        let r = self.radius * fraction;
        let a = self.angle(axis);
        (self.centre.0 + r * a.cos(), self.centre.1 + r * a.sin())
    }
}

fn px((x, y): (f64, f64)) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

type Backend<'a> = SVGBackend<'a>;
type DrawResult = Result<(), DrawingErrorKind<<Backend<'static> as DrawingBackend>::ErrorType>>;

/// Draws the chart into an SVG document `size` pixels high and a third wider, which leaves
/// room for long axis labels on the left and right.
pub fn draw(radar: &Radar, palette: &Palette, size: u32) -> Result<String, String> {
    let mut svg = String::new();
    {
        let mut backend = SVGBackend::with_string(&mut svg, (size * 4 / 3, size));
        draw_on(&mut backend, radar, palette, size).map_err(|e| format!("radar: {e}"))?;
        backend.present().map_err(|e| format!("radar: {e}"))?;
    }
    Ok(svg)
}

fn draw_on(backend: &mut Backend, radar: &Radar, palette: &Palette, size: u32) -> DrawResult {
    let side = f64::from(size);
    let width = side * 4.0 / 3.0;
    let geometry = Geometry {
        centre: (width / 2.0, side / 2.0),
        // Room around the web for axis labels.
        radius: side * 0.36,
        axes: radar.axes.len().max(3),
    };
    let n = radar.axes.len();
    backend.draw_rect(
        (0, 0),
        (size as i32, size as i32),
        &palette.background,
        true,
    )?;

    // The web: a ring per scale point, a spoke per axis.
    for level in 1..=5 {
        let ring: Vec<_> = (0..=geometry.axes)
            .map(|axis| px(geometry.point(axis % geometry.axes, f64::from(level))))
            .collect();
        let width = if level == 5 { 2 } else { 1 };
        backend.draw_path(ring, &palette.grid.stroke_width(width))?;
    }
    for axis in 0..n {
        backend.draw_line(
            px(geometry.centre),
            px(geometry.point(axis, SCALE_MAX)),
            &palette.grid.stroke_width(1),
        )?;
    }

    draw_dots(backend, &geometry, &radar.dots, palette)?;
    for line in &radar.lines {
        draw_line(backend, &geometry, line, palette)?;
    }

    // The scale's numbers and the axis labels last, so nothing covers them. The numbers sit
    // between the first two axes, where no dot is drawn. Sizes are a share of the chart, which
    // a 360 px phone shows at about 0.47: labels about 14 px there, numbers about 11 px.
    let numbers = TextStyle::from(("sans-serif", side * 0.046).into_font())
        .color(&palette.text)
        .pos(Pos::new(HPos::Center, VPos::Center));
    let between = (geometry.angle(0) + geometry.angle(1)) / 2.0;
    for level in 1..=5 {
        // "1" is the centre; it stands a little out of it, where the lines meet.
        let r = geometry.radius * (f64::from(level - 1) / 4.0).max(0.1);
        let (x, y) = (
            geometry.centre.0 + r * between.cos(),
            geometry.centre.1 + r * between.sin(),
        );
        backend.draw_text(&level.to_string(), &numbers, px((x, y)))?;
    }
    let font = side * 0.056;
    for (axis, label) in radar.axes.iter().enumerate() {
        let a = geometry.angle(axis);
        let (x, y) = (
            geometry.centre.0 + (geometry.radius + side * 0.04) * a.cos(),
            geometry.centre.1 + (geometry.radius + side * 0.04) * a.sin(),
        );
        let h = if a.cos() > 0.3 {
            HPos::Left
        } else if a.cos() < -0.3 {
            HPos::Right
        } else {
            HPos::Center
        };
        let style = TextStyle::from(("sans-serif", font).into_font())
            .color(&palette.text)
            .pos(Pos::new(h, VPos::Center));
        let lines = label_lines(label);
        let top = y - font * 0.55 * (lines.len() - 1) as f64;
        for (i, line) in lines.iter().enumerate() {
            backend.draw_text(line, &style, px((x, top + font * 1.1 * i as f64)))?;
        }
    }
    Ok(())
}

/// A long label on two lines, split at the space nearest its middle, so that it fits beside
/// the chart at a size a phone can read.
fn label_lines(label: &str) -> Vec<&str> {
    let middle = label.len() / 2;
    let split = label
        .char_indices()
        .filter(|&(_, c)| c == ' ')
        .map(|(i, _)| i)
        .min_by_key(|&i| i.abs_diff(middle));
    match split {
        Some(i) if label.chars().count() > 12 => vec![&label[..i], &label[i + 1..]],
        _ => vec![label],
    }
}

/// One hollow diamond per score on its axis. Equal scores sit side by side across the axis,
/// so that three people at 4.0 show as three dots, not one.
fn draw_dots(
    backend: &mut Backend,
    geometry: &Geometry,
    dots: &[Vec<f64>],
    palette: &Palette,
) -> DrawResult {
    let style = palette.band.stroke_width(2);
    for (axis, values) in dots.iter().enumerate().take(geometry.axes) {
        let a = geometry.angle(axis);
        // Unit vector across the axis.
        let (nx, ny) = (-a.sin(), a.cos());
        let mut previous: Option<(i32, i32)> = None;
        let mut run = 0i32;
        for value in values {
            let at = px(geometry.point(axis, *value));
            run = if previous == Some(at) { run + 1 } else { 0 };
            previous = Some(at);
            // 0, +1, -1, +2, -2, ... steps of 7 px across the axis.
            let step = f64::from((run + 1) / 2 * if run % 2 == 1 { 1 } else { -1 }) * 7.0;
            let (x, y) = px((f64::from(at.0) + nx * step, f64::from(at.1) + ny * step));
            backend.draw_path(
                [(x, y - 4), (x + 4, y), (x, y + 4), (x - 4, y), (x, y - 4)],
                &style,
            )?;
        }
    }
    Ok(())
}

fn draw_line(
    backend: &mut Backend,
    geometry: &Geometry,
    line: &Line,
    palette: &Palette,
) -> DrawResult {
    let n = line.values.len();
    let (color, width) = line_style(line.kind, palette);
    let point = |axis: usize| line.values[axis].map(|v| px(geometry.point(axis, v)));
    if line.kind == LineKind::Main && line.values.iter().all(Option::is_some) && n >= 3 {
        let outline: Vec<_> = (0..n).filter_map(point).collect();
        backend.fill_polygon(outline, &color.mix(0.12).filled())?;
    }
    // One polyline per run of axes with values, closing the loop when nothing is missing;
    // a missing value leaves a gap. Few elements keep a 50-person chart quick to insert.
    if n >= 2 {
        let start = (0..n)
            .find(|&axis| line.values[axis].is_none())
            .map_or(0, |gap| gap + 1);
        let mut run = Vec::new();
        for step in 0..=n {
            match point((start + step) % n) {
                Some(p) => run.push(p),
                None => {
                    if run.len() >= 2 {
                        stroke(backend, &run, line.kind, &color.stroke_width(width))?;
                    }
                    run.clear();
                }
            }
        }
        if run.len() >= 2 {
            stroke(backend, &run, line.kind, &color.stroke_width(width))?;
        }
    }
    for at in (0..n).filter_map(point) {
        draw_marker(backend, at, line.kind, palette)?;
    }
    Ok(())
}

/// Draws a polyline, solid or in the dash pattern of a compared check.
fn stroke(
    backend: &mut Backend,
    points: &[(i32, i32)],
    kind: LineKind,
    style: &ShapeStyle,
) -> DrawResult {
    let pattern = match kind {
        LineKind::Check(i) => DASHES[i % DASHES.len()],
        _ => &[],
    };
    if pattern.is_empty() {
        return backend.draw_path(points.iter().copied(), style);
    }
    // Walks the line, switching pen down and up at the pattern's lengths, carried across corners.
    let (mut at, mut left, mut down) = (0usize, pattern[0], true);
    for pair in points.windows(2) {
        let (a, b) = (
            (f64::from(pair[0].0), f64::from(pair[0].1)),
            (f64::from(pair[1].0), f64::from(pair[1].1)),
        );
        let length = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        let mut done = 0.0;
        while done < length {
            let step = left.min(length - done);
            if down {
                let from = done / length;
                let to = (done + step) / length;
                backend.draw_line(
                    px((a.0 + (b.0 - a.0) * from, a.1 + (b.1 - a.1) * from)),
                    px((a.0 + (b.0 - a.0) * to, a.1 + (b.1 - a.1) * to)),
                    style,
                )?;
            }
            done += step;
            left -= step;
            if left <= 0.0 {
                at = (at + 1) % pattern.len();
                left = pattern[at];
                down = !down;
            }
        }
    }
    Ok(())
}

fn line_style(kind: LineKind, palette: &Palette) -> (RGBColor, u32) {
    match kind {
        // Blue and orange first: the pair most people tell apart whatever their colour vision.
        LineKind::Check(i) => (
            [
                palette.main,
                palette.people[2],
                palette.people[3],
                palette.people[1],
            ][i % 4],
            3,
        ),
        LineKind::Main => (palette.main, 3),
        LineKind::Me => (palette.people[0], 2),
        LineKind::Person(i) => (palette.people[i % palette.people.len()], 2),
    }
}

fn draw_marker(
    backend: &mut Backend,
    (x, y): (i32, i32),
    kind: LineKind,
    palette: &Palette,
) -> DrawResult {
    let (color, _) = line_style(kind, palette);
    match kind {
        LineKind::Main => backend.draw_circle((x, y), 4, &color.filled(), true),
        LineKind::Me => backend.draw_rect((x - 4, y - 4), (x + 4, y + 4), &color, true),
        // Filled circle, hollow square, filled diamond, hollow triangle.
        LineKind::Check(i) => match i % 4 {
            0 => backend.draw_circle((x, y), 5, &color.filled(), true),
            1 => backend.draw_rect(
                (x - 5, y - 5),
                (x + 5, y + 5),
                &color.stroke_width(2),
                false,
            ),
            2 => backend.fill_polygon(
                [(x, y - 6), (x + 6, y), (x, y + 6), (x - 6, y)],
                &color.filled(),
            ),
            _ => backend.draw_path(
                [(x, y - 6), (x + 6, y + 5), (x - 6, y + 5), (x, y - 6)],
                &color.stroke_width(2),
            ),
        },
        // People differ by marker shape as well as colour.
        LineKind::Person(i) => match (i / palette.people.len()) % 3 {
            0 => backend.draw_circle((x, y), 4, &color.stroke_width(2), false),
            1 => backend.draw_rect(
                (x - 4, y - 4),
                (x + 4, y + 4),
                &color.stroke_width(2),
                false,
            ),
            _ => backend.draw_path(
                [(x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y), (x, y - 5)],
                &color.stroke_width(2),
            ),
        },
    }
}

/// A small picture of a line as the chart draws it (colour, width and marker), for a legend
/// that matches the chart in print and without colour.
pub fn swatch(kind: LineKind, palette: &Palette) -> Result<String, String> {
    let mut svg = String::new();
    {
        let mut backend = SVGBackend::with_string(&mut svg, (40, 16));
        let (color, width) = line_style(kind, palette);
        let drawn: DrawResult = stroke(
            &mut backend,
            &[(2, 8), (38, 8)],
            kind,
            &color.stroke_width(width),
        )
        .and_then(|()| draw_marker(&mut backend, (20, 8), kind, palette));
        drawn.map_err(|e| format!("legend: {e}"))?;
        backend.present().map_err(|e| format!("legend: {e}"))?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn radar(axes: &[&str]) -> Radar {
        Radar {
            axes: axes.iter().map(|s| s.to_string()).collect(),
            dots: Vec::new(),
            lines: vec![Line {
                kind: LineKind::Main,
                values: axes
                    .iter()
                    .enumerate()
                    .map(|(i, _)| Some(1.0 + i as f64 % 5.0))
                    .collect(),
            }],
        }
    }

    #[test]
    fn every_axis_label_is_drawn() {
        let labels = [
            "Alignment",
            "Trust",
            "Outcome focus",
            "Learning loops",
            "Sustainable pace",
        ];
        let svg = draw(&radar(&labels), &LIGHT, 480).unwrap();
        assert!(svg.starts_with("<svg"));
        for label in labels {
            for line in label_lines(label) {
                assert!(
                    svg.contains(&format!(">\n{line}\n</text>")),
                    "{line} of {label} missing:\n{svg}"
                );
            }
        }
    }

    #[test]
    fn long_labels_wrap_at_the_middle_space_and_the_scale_is_numbered_once() {
        assert_eq!(label_lines("Trust"), vec!["Trust"]);
        assert_eq!(label_lines("Outcome focus"), vec!["Outcome", "focus"]);
        assert_eq!(
            label_lines("Speaking up about the work"),
            vec!["Speaking up", "about the work"]
        );
        assert_eq!(
            label_lines("Psychologicalsafety"),
            vec!["Psychologicalsafety"]
        );
        let svg = draw(&radar(&["Alpha", "Outcome focus", "Gamma"]), &LIGHT, 520).unwrap();
        assert!(svg.contains(">\nOutcome\n</text>") && svg.contains(">\nfocus\n</text>"));
        for level in 1..=5 {
            let number = format!(">\n{level}\n</text>");
            assert_eq!(svg.matches(&number).count(), 1, "{svg}");
        }
    }

    #[test]
    fn user_text_is_escaped_not_markup() {
        let evil = "<img src=x onerror=alert(1)>";
        let svg = draw(&radar(&[evil, "B & C", "\"quoted\""]), &LIGHT, 480).unwrap();
        assert!(!svg.contains("<img"), "label became markup:\n{svg}");
        // Long labels are drawn on two lines: both halves are text.
        assert!(svg.contains("&lt;img src=x") && svg.contains("onerror=alert(1)&gt;"));
        assert!(svg.contains("B &amp; C"));
    }

    #[test]
    fn dots_and_missing_values_draw_without_error() {
        let mut r = radar(&["A", "B", "C", "D", "E", "F"]);
        r.dots = vec![
            vec![2.0, 4.0],
            vec![],
            vec![1.0, 5.0, 5.0, 5.0],
            vec![3.0],
            vec![2.5, 4.5],
            vec![1.0, 2.0],
        ];
        r.lines[0].values[1] = None;
        r.lines.push(Line {
            kind: LineKind::Person(3),
            values: vec![Some(5.0); 6],
        });
        r.lines.push(Line {
            kind: LineKind::Me,
            values: vec![Some(2.0); 6],
        });
        let with_dots = draw(&r, &DARK, 600).unwrap();
        r.dots.clear();
        let without = draw(&r, &DARK, 600).unwrap();
        let diamonds =
            with_dots.matches("<polyline").count() - without.matches("<polyline").count();
        assert_eq!(diamonds, 11, "one diamond per score");
        // Equal scores do not hide each other: the three 5.0 dots on axis C are drawn apart.
        let mut equal = radar(&["A", "B", "C"]);
        equal.dots = vec![vec![], vec![], vec![5.0, 5.0, 5.0]];
        let svg = draw(&equal, &LIGHT, 600).unwrap();
        let points: std::collections::BTreeSet<&str> = svg
            .split("points=\"")
            .skip(1)
            .filter_map(|p| p.split('"').next())
            .collect();
        assert_eq!(
            points.len(),
            svg.matches("points=\"").count(),
            "two paths coincide"
        );
    }

    #[test]
    fn a_line_is_one_polyline_per_run_and_gaps_split_it() {
        let polylines = |values: Vec<Option<f64>>| {
            let r = Radar {
                axes: (0..6).map(|i| format!("D{i}")).collect(),
                dots: Vec::new(),
                lines: vec![Line {
                    kind: LineKind::Person(7),
                    values,
                }],
            };
            // Five rings of the web are polylines too.
            draw(&r, &LIGHT, 300).unwrap().matches("<polyline").count() - 5
        };
        assert_eq!(polylines(vec![Some(3.0); 6]), 1);
        assert_eq!(
            polylines(vec![
                Some(3.0),
                None,
                Some(2.0),
                Some(4.0),
                Some(1.0),
                Some(5.0)
            ]),
            1
        );
        assert_eq!(
            polylines(vec![Some(3.0), None, Some(2.0), Some(4.0), None, Some(5.0)]),
            2
        );
        assert_eq!(polylines(vec![None, None, Some(2.0), None, None, None]), 0);
    }

    #[test]
    fn legend_swatches_match_the_lines_they_stand_for() {
        let person = swatch(LineKind::Person(1), &LIGHT).unwrap();
        let colour = LIGHT.people[1];
        let hex = format!("#{:02X}{:02X}{:02X}", colour.0, colour.1, colour.2);
        assert!(person.to_uppercase().contains(&hex), "{person}");
        assert!(
            person.contains("<circle"),
            "person 1 has a hollow circle: {person}"
        );
        let seventh = swatch(LineKind::Person(LIGHT.people.len()), &LIGHT).unwrap();
        assert!(
            seventh.contains("<rect") && !seventh.contains("<circle"),
            "{seventh}"
        );
        assert_ne!(swatch(LineKind::Main, &LIGHT).unwrap(), person);
    }

    #[test]
    fn compared_checks_differ_in_colour_dashes_and_markers() {
        let swatches: Vec<String> = (0..4)
            .map(|i| swatch(LineKind::Check(i), &LIGHT).unwrap())
            .collect();
        for (i, a) in swatches.iter().enumerate() {
            for b in &swatches[i + 1..] {
                assert_ne!(a, b);
            }
        }
        // Solid is one line; the others are many dashes.
        let lines = |s: &str| s.matches("<line").count() + s.matches("<polyline").count();
        assert!(lines(&swatches[0]) <= 1, "{}", swatches[0]);
        for dashed in &swatches[1..] {
            assert!(lines(dashed) >= 3, "{dashed}");
        }
        assert!(swatches[0].contains("<circle"));
        assert!(swatches[1].contains("<rect"));
        assert!(swatches[2].contains("<polygon"));
        // Four checks overlaid draw, each line in its own colour.
        let mut r = radar(&["A", "B", "C", "D", "E"]);
        r.lines = (0..4)
            .map(|i| Line {
                kind: LineKind::Check(i),
                values: vec![Some(1.0 + i as f64); 5],
            })
            .collect();
        let svg = draw(&r, &DARK, 300).unwrap();
        for colour in [DARK.main, DARK.people[2], DARK.people[3], DARK.people[1]] {
            let hex = format!("#{:02X}{:02X}{:02X}", colour.0, colour.1, colour.2);
            assert!(svg.to_uppercase().contains(&hex), "{hex}");
        }
    }

    #[test]
    fn values_are_placed_on_the_scale() {
        let g = Geometry {
            centre: (100.0, 100.0),
            radius: 50.0,
            axes: 4,
        };
        assert_eq!(px(g.point(0, 1.0)), (100, 100));
        assert_eq!(px(g.point(0, 5.0)), (100, 50));
        assert_eq!(px(g.point(1, 3.0)), (125, 100));
        assert_eq!(
            px(g.point(2, 9.0)),
            (100, 150),
            "values beyond 5 are clamped to the rim"
        );
    }
}
