//! A bar chart in SVG: one labelled bar a row, named for screen readers by a
//! sentence that says every figure, with a caption under it. Pages show the
//! same figures in a table too (the chart's text alternative).

use leptos::prelude::*;

/// Where the bars start, in SVG units.
pub const BAR_X: u32 = 4;
/// How wide a full bar is, in SVG units.
pub const BAR_FULL: u32 = 300;

/// The chart: `children` are its [`Bar`]s, `rows` of them, each `row` SVG
/// units high. Its accessible name is "‹title›. ‹part›; ‹part›; …".
#[component]
pub fn BarChart(
    /// What the chart shows, the first words of its name.
    #[prop(into)]
    title: Signal<&'static str>,
    /// Each figure in words, in the order of the bars.
    #[prop(into)]
    parts: Signal<Vec<String>>,
    /// The number of bars.
    rows: usize,
    /// The height of one bar's row, in SVG units.
    row: u32,
    /// The caption under the chart.
    #[prop(into)]
    caption: Signal<&'static str>,
    children: Children,
) -> impl IntoView {
    let summary = move || format!("{}. {}", title.get(), parts.get().join("; "));
    let height = row * rows as u32 + 8;
    view! {
        <figure class="chart">
            <svg
                width="100%"
                role="img"
                aria-label=summary
                viewBox=format!("0 0 {} {height}", BAR_X * 2 + BAR_FULL)
                preserveAspectRatio="xMinYMin meet"
            >
                {children()}
            </svg>
            <figcaption>{caption}</figcaption>
        </figure>
    }
}

/// One bar of a [`BarChart`] whose row starts at `y`: `children` (its label)
/// above, the full track, and the bar itself `width` long.
#[component]
pub fn Bar(
    y: u32,
    /// How thick the bar is, in SVG units.
    thickness: u32,
    width: u32,
    fill: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <text x=BAR_X y=y + 14 font-size="13" fill="#1d2428">
            {children()}
        </text>
        <rect x=BAR_X y=y + 20 width=BAR_FULL height=thickness fill="#f2f6f8" stroke="#6b7780" stroke-width="0.5" />
        <rect x=BAR_X y=y + 20 width=width height=thickness fill=fill />
    }
}
